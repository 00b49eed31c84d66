import { createElement, Fragment, type ComponentType, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataCell, DataRow, DataTable } from "./data-table";
import { FilterForm, FilterInput, FilterSelect } from "./list-filters";
import { RangePagination } from "./pagination";

/** createElement with the children passed as the `children` prop, as JSX does. */
function h<P extends object>(
  type: ComponentType<P> | string,
  props: Omit<P, "children"> | null,
  ...children: ReactNode[]
) {
  return createElement(type, {
    ...props,
    children: children.length > 1 ? createElement(Fragment, null, ...children) : children[0],
  } as unknown as P);
}

describe("DataTable", () => {
  it("renders the caption, column headers and rows that stack below the breakpoint", () => {
    const html = renderToStaticMarkup(
      h(
        DataTable,
        {
          caption: "Shops",
          columns: [{ label: "Shop" }, { label: "GMV", className: "text-right" }],
        },
        h(
          DataRow,
          null,
          h(DataCell, null, "Kai"),
          h(DataCell, { className: "sm:text-right" }, "$1"),
        ),
      ),
    );
    expect(html).toContain('<caption class="sr-only">Shops</caption>');
    expect(html).toContain('<th scope="col" class="px-4 py-3 font-medium text-right">GMV</th>');
    expect(html).toContain(
      '<thead class="bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase hidden sm:table-header-group">',
    );
    expect(html).toContain('<tr class="block px-4 py-3 sm:table-row sm:p-0">');
    expect(html).toContain('<td class="block sm:table-cell sm:px-4 sm:py-3 sm:text-right">$1</td>');
    expect(html).toMatch(/^<div class="overflow-hidden rounded-xl/);
  });

  it("keeps small tables inside a card unframed, always tabular, with row headers", () => {
    const html = renderToStaticMarkup(
      h(
        DataTable,
        {
          caption: "Top products",
          columns: [{ label: "Product" }],
          stackBelow: "never",
          framed: false,
        },
        h(
          DataRow,
          { stackBelow: "never" },
          h(DataCell, { stackBelow: "never", rowHeader: true }, "Mug"),
        ),
      ),
    );
    expect(html).toMatch(/^<table/);
    expect(html).toContain('<th scope="row" class="px-4 py-3">Mug</th>');
    expect(html).toContain("<tr>");
    expect(html).not.toContain("table-header-group");
  });

  it("uses the caller's phone layout for a row and hides phone-only cells from the breakpoint on", () => {
    const html = renderToStaticMarkup(
      h(
        DataRow,
        { stackBelow: "md", className: "grid grid-cols-[1fr_auto] p-4" },
        h(DataCell, { stackBelow: "md", phoneOnly: true }, "Name"),
      ),
    );
    expect(html).toBe(
      '<tr class="grid grid-cols-[1fr_auto] p-4 md:table-row md:p-0"><td class="block md:hidden">Name</td></tr>',
    );
  });
});

describe("FilterForm", () => {
  it("is a GET search landmark with labelled controls and the submit button", () => {
    const html = renderToStaticMarkup(
      h(
        FilterForm,
        {
          label: "Filter orders",
          action: "/orders",
          columns: "sm:grid-cols-[1fr_auto]",
          look: "compact",
        },
        h(FilterInput, { id: "q", name: "q", label: "Search", look: "compact" }),
        h(
          FilterSelect,
          { id: "status", name: "status", label: "Status" },
          h("option", { value: "" }, "Any"),
        ),
      ),
    );
    expect(html).toMatch(
      /^<form role="search" aria-label="Filter orders" [^>]*action="\/orders" method="get">/,
    );
    expect(html).toContain(
      '<label for="q" class="mb-1 block text-xs font-medium text-zinc-600">Search</label>',
    );
    expect(html).toContain(
      '<label for="status" class="mb-1.5 block text-sm font-medium text-zinc-800">',
    );
    expect(html).toMatch(/<button type="submit" class="[^"]*h-9[^"]*">Apply<\/button><\/form>$/);
  });

  it("links an error to its control and marks it invalid", () => {
    const withError = renderToStaticMarkup(
      h(FilterInput, { id: "acct", name: "account", label: "Account", error: "Starts with acct_" }),
    );
    expect(withError).toContain('aria-describedby="acct-error" aria-invalid="true"');
    expect(withError).toContain(
      '<p id="acct-error" class="mt-1 text-sm text-red-700">Starts with acct_</p>',
    );
    const fine = renderToStaticMarkup(
      h(FilterInput, { id: "acct", name: "account", label: "Account" }),
    );
    expect(fine).not.toContain("aria-invalid");
    expect(fine).not.toContain("acct-error");
  });
});

describe("RangePagination", () => {
  const hrefFor = (p: number) => `/list?page=${p}`;
  it("shows the range and the links that exist", () => {
    const html = renderToStaticMarkup(
      h(RangePagination, { page: 2, pageSize: 20, total: 45, hrefFor }),
    );
    expect(html).toContain("Showing 21–40 of 45");
    expect(html).toContain('href="/list?page=1"');
    expect(html).toContain('href="/list?page=3"');
    expect(html).toContain(">Previous page<");
    expect(html).toContain(">Next page<");
  });
  it("has no next link on the last page and renders nothing for an empty list", () => {
    const last = renderToStaticMarkup(
      h(RangePagination, { page: 3, pageSize: 20, total: 45, hrefFor }),
    );
    expect(last).toContain("Showing 41–45 of 45");
    expect(last).not.toContain("Next page");
    expect(
      renderToStaticMarkup(h(RangePagination, { page: 1, pageSize: 20, total: 0, hrefFor })),
    ).toBe("");
  });
});
