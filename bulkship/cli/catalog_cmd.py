"""``bulkship catalog``: what can be ordered for physical shipment, from the configured vendor API."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from ..models import Catalog, Product, ShippingMethod
from .app import (
    ApiUrlOption,
    CredentialsOption,
    JsonOption,
    announce_target,
    app,
    plain_console,
    print_json,
    settings_from,
    styled,
)

PIPED_WIDTH = 160
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Fetch the catalog again instead of using the week-long cache.")
]


@app.command()
def catalog(
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    as_json: JsonOption = False,
    refresh: RefreshOption = False,
) -> None:
    """List the gift cards that can ship physically, and the shipping methods."""
    settings = settings_from(api_url=api_url, credentials=credentials)
    announce_target(settings)
    from ..api import catalog as fetch_catalog

    fetched = fetch_catalog(settings, refresh=refresh)
    products = physical_products(fetched)
    methods = sorted(fetched.shipping_methods.values(), key=lambda m: (m.price, m.id))
    if as_json:
        print_json(
            {
                "products": [product_json(p) for p in products],
                "shipping_methods": [method_json(m) for m in methods],
            }
        )
        return
    out = plain_console()
    if not out.is_terminal:  # piped or redirected: do not squeeze the tables into 80 columns
        out = plain_console(PIPED_WIDTH)
    out.print(styled(("Gift cards that ship physically", "bold")))
    out.print(products_table(products))
    out.print(styled(("Shipping methods", "bold")))
    out.print(methods_table(methods))


def physical_products(fetched: Catalog) -> list[Product]:
    return sorted((p for p in fetched.products.values() if p.ships_physically), key=lambda p: p.id)


# --- presentation --------------------------------------------------------------------------------------


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def amount(value: Decimal) -> str:
    """A face value as people write it: 25, 12.50."""
    return f"{value:,.0f}" if value == value.to_integral_value() else money(value)


def denominations_text(product: Product) -> str:
    values = product.denominations
    if product.denomination_type == "Variable" and len(values) >= 2:
        return f"any {amount(values[0])}–{amount(values[-1])}"
    return ", ".join(amount(v) for v in values) or "—"


def products_table(products: list[Product]) -> Table:
    table = Table()
    table.add_column("Product", no_wrap=True)
    table.add_column("Name")
    table.add_column("Type")
    table.add_column("Values")
    table.add_column("Fee", justify="right")
    table.add_column("Discount", justify="right")
    table.add_column("Card carriers")
    for p in products:
        carriers = ", ".join(c.id for c in p.card_carriers)
        table.add_row(
            p.id,
            p.name,
            p.denomination_type,
            f"{denominations_text(p)} {p.currency}",
            money(p.fee),
            f"{p.discount_percentage.normalize():f} %",
            # "HOLIDAY (required)" read as that carrier being required (found by newcomer3): one is, of any
            carriers + (" (one required; DEFAULT when a row names none)" if p.requires_card_carrier else ""),
        )
    return table


def methods_table(methods: list[ShippingMethod]) -> Table:
    table = Table()
    table.add_column("Method", no_wrap=True)
    table.add_column("Name")
    table.add_column("Price", justify="right")
    table.add_column("Delivery days", justify="right")
    for m in methods:
        days = "—" if m.estimated_delivery_days is None else str(m.estimated_delivery_days)
        price = f"{money(m.price)} {m.currency}" if m.priced else f"{m.currency} (not orderable)"
        table.add_row(m.id, m.name, price, days)
    return table


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def product_json(p: Product) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "denomination_type": p.denomination_type,
        "denominations": [number(v) for v in p.denominations],
        "currency": p.currency,
        "fee": number(p.fee),
        "discount_percentage": number(p.discount_percentage),
        "fulfillment_group": p.fulfillment_group,
        "requires_card_carrier": p.requires_card_carrier,
        "card_carriers": [{"id": c.id, "name": c.name} for c in p.card_carriers],
    }


def method_json(m: ShippingMethod) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "price": number(m.price) if m.priced else None,
        "currency": m.currency,
        "estimated_delivery_days": m.estimated_delivery_days,
    }
