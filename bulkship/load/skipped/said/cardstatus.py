"""A card's status read ('Gift Status' = Cancelled, 'Delivery Status' = Failed, a shop's 'Order Status'),
and the words under a status saying the card went already ('Send Status' = Sent, 'Current Status' = Sent)."""

from __future__ import annotations

import re

import pandas as pd

from ..flags import _SAYS_NO
from ..sent import _CARD_STATUS, _SHIPMENT
from ..status import (
    _SAYS_GONE,
    _SAYS_LEFT,
    SAYS_CARD_MADE,
    SAYS_CARD_WENT,
    SAYS_LEFT_BY_CODE,
    SAYS_NOT_SENT_YET,
    SAYS_SHIPMENT_FAILED,
    SAYS_SOMETHING_ELSE_SENT,
    SAYS_WENT_OUT,
    SHOP_PROCESSING,
    SHOP_UNPAID,
)
from ..statusheaders import SHOP_STATUS
from .reasons import Masks
from .remarks import remarks_say_no
from .wholelist import TheList

# A column headed by the gift alone, this year's or the season's ('Card 2026', 'Gift Card 2026', 'Holiday
# Gift'), read for its yes or no: 'Sent', 'Shipped', 'Delivered', 'Issued', 'Given' there was read as no
# no and the card ordered again, exit 0 (found by hunter-sheets25), where 'Card Status' = Sent is sent already
_GIFT_ALONE = re.compile(r"(?:holiday|xmas|christmas|seasonal)?(?:gift|card|giftcard|award)")
_GIVEN = re.compile(r"(?i)^\s*(?:issued|received|given|gifted|presented|handed\s+out)\b")


def read_card(masks: Masks, column: pd.Series, key: str, says: re.Pattern[str], the_list: TheList) -> None:
    """Marks in ``masks`` the distinct texts ``column`` (the header ``key``, read for ``says``) saying a card
    was made, went, was not sent or a shop's order was not paid."""
    said, not_sent, made, went_out = masks.said, masks.not_sent, masks.made, masks.went_out
    if key in _CARD_STATUS:  # "Gift Status" = Cancelled, Declined, On hold (found by review11: ordered)
        made = column.str.match(SAYS_CARD_MADE)
        if key in _SHIPMENT:  # 'Delivery Status' = Failed: a card made, as 'Delivery failed'
            made |= column.str.match(SAYS_SHIPMENT_FAILED)
        # (a card come back, 'Return to sender', is one made, not a person's mail that fails)
        not_sent = column.str.match(_SAYS_GONE) & ~said & ~made
        made &= ~said
        said = (said | not_sent | made) & ~column.str.fullmatch(SAYS_NOT_SENT_YET)
        # ... or in a remark after it, read as a note ('Card returned - resend mailed 11/25'); not one telling
        # why it failed ('Order Status' = 'FAILED - bad address': no card made, its row sent)
        remarked = remarks_say_no(column, the_list.today if the_list.rounds else None) & ~said
        remarked &= ~column.str.match(SAYS_SHIPMENT_FAILED)
        not_sent, said = not_sent | (remarked & ~made), said | remarked
    if key in SHOP_STATUS and (key in _CARD_STATUS or says is _SAYS_GONE) and the_list.shop:
        # a shop's paid order, its failed payment
        unpaid = column.str.fullmatch(SHOP_UNPAID)
        said = (said & ~column.str.fullmatch(SHOP_PROCESSING)) | unpaid
        not_sent = unpaid if not_sent is None else not_sent | unpaid
    if key in _CARD_STATUS or says is _SAYS_GONE:  # 'Send Status' = Sent: sent already, not 'not to send'
        went_out = column.str.match(SAYS_WENT_OUT if key in _CARD_STATUS else SAYS_CARD_WENT)
    # ... as under another person's status ('Current Status' = Sent: hunter-sheets12, ordered again)
    if says in (_SAYS_LEFT, SAYS_LEFT_BY_CODE):
        went_out = column.str.match(SAYS_CARD_WENT) & ~column.str.fullmatch(SAYS_SOMETHING_ELSE_SENT)
        said |= went_out
    if says is _SAYS_NO and _GIFT_ALONE.fullmatch(re.sub(r"\d+", "", key)):
        went = column.str.match(SAYS_WENT_OUT) | column.str.match(SAYS_CARD_WENT) | column.str.match(_GIVEN)
        went &= ~said
        said |= went
        went_out = went if went_out is None else went_out | went
    masks.said, masks.not_sent, masks.made, masks.went_out = said, not_sent, made, went_out
