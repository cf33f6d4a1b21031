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

from ..models import Balance, Catalog, Product, ShippingMethod
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
    products: dict[str, Product] = {}
    for raw in raw_products:
        product = parse_product(raw)
        if product is not None:
            products[product.id] = product
    methods: dict[str, ShippingMethod] = {}
    for raw in raw_methods:
        method = parse_shipping_method(raw)
        if method is not None:
            methods[method.id] = method
    return Catalog(products=products, shipping_methods=methods)
