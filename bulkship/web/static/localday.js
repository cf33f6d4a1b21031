// The browser's time zone, sent with the upload: the list's dates ('Do Not Send Before', 'Termination Date')
// are judged by the day where the person is, not by the server's clock.
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("time-zone");
  try {
    if (field) field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    // no Intl: the server's day is used
  }
});
