"""The vendor API client: tokens, catalog, orders, balance; retries and error translation.

:class:`VendorClient` is built in layers, one module each: :mod:`.transport` (one request with retries,
tokens and error translation: every request goes through ``_call``), :mod:`.paging` (paged lists read to
their end, and whether they are complete), :mod:`.orders` (creating an order exactly once, reading and
looking orders up); here the client itself, the catalog and the balance.

Credentials and the bearer token never appear in a log line, an exception message or a repr.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..models import UNREADABLE_PRICE, Balance, Catalog, Product, ShippingMethod
from . import cache
from .orders import _Orders
from .parse import parse_balance, parse_product, parse_shipping_method


class VendorClient(_Orders):
    """Async client of the vendor API: ``async with VendorClient(...) as client:`` (or :func:`connect`)."""

    def __repr__(self) -> str:
        return f"VendorClient(base_url={self.base_url!r})"

    async def __aenter__(self) -> VendorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def catalog(self, refresh: bool = False) -> Catalog:
        """Every product and shipping method, all pages; cached in memory (and on disk for a real API)."""
        async with self._catalog_lock:
            if self._catalog is not None and not refresh:
                return self._catalog
            raw = None
            if self._catalog_cache_file and not refresh:
                raw = cache.load(self._catalog_cache_file, self.base_url)
            if raw is None:
                raw = (await self._all_pages("/v1/Products"), await self._all_pages("/v1/ShippingMethods"))
                if self._catalog_cache_file:
                    cache.save(self._catalog_cache_file, self.base_url, *raw)
            catalog = build_catalog(*raw)
            self._catalog = dataclasses.replace(catalog, sends_address_line2=self.sends_address_line2)
            return self._catalog

    async def balance(self) -> Balance | None:
        """The deposit account (``GET /v1/Balance``), or None when this API has no such endpoint."""
        status, data = await self._call("GET", "/v1/Balance", allow={404, 405}, subject="the balance")
        return None if status in {404, 405} else parse_balance(data)


def build_catalog(raw_products: list[Any], raw_methods: list[Any]) -> Catalog:
    """The catalog of the records listed. A product or shipping method listed twice at different terms
    (the vendor's list paged while a price changed, regional variants under one Id) has no price bulkship
    can trust: which one the vendor charges is not said, and its rows are refused (found by hunter-vendor3:
    VISA-PREPAID listed at a fee of 5.95, then of 0.00, the plan took the last, --max-total 100 let it
    through and 111.90 was charged)."""
    products: dict[str, Product] = {}
    for raw in raw_products:
        product = parse_product(raw)
        if product is None:
            continue
        seen = products.get(product.id)
        if seen is not None and _terms(seen) != _terms(product):
            product = dataclasses.replace(seen, currency=UNREADABLE_PRICE)
        products[product.id] = product if seen is None or product.currency == UNREADABLE_PRICE else seen
    methods: dict[str, ShippingMethod] = {}
    for raw in raw_methods:
        method = parse_shipping_method(raw)
        if method is None:
            continue
        known = methods.get(method.id)
        if known is not None and (known.price, known.currency) != (method.price, method.currency):
            method = dataclasses.replace(known, currency=UNREADABLE_PRICE)
        methods[method.id] = method if known is None or method.currency == UNREADABLE_PRICE else known
    return Catalog(products=products, shipping_methods=methods)


def _terms(product: Product) -> tuple[Any, ...]:
    """What a product costs and accepts: two listings of one Id differing in these are not one price."""
    return (
        product.fee,
        product.discount_percentage,
        product.currency,
        product.denomination_type,
        product.denominations,
        product.delivery_types,
    )
