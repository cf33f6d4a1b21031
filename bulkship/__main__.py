from bulkship.launch import main

main()
