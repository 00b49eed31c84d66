// Shared HTML shell for the hosted pages: plain, accessible, readable on a phone.

import { escapeHtml } from "../../lib/html";

/** Every interpolated value goes through this (the app's one escaper). */
export const esc = escapeHtml;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.card{background:#fff;border:1px solid #d8dee4;border-radius:.75rem;padding:1.5rem;margin-top:1rem}
h1{font-size:1.4rem;margin:.25rem 0 1rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;letter-spacing:.02em;background:#fff4e5;color:#7a4100;border:1px solid #f5c27a;border-radius:999px;padding:.1rem .6rem}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input,select{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8792a2;border-radius:.4rem;background:#fff;color:inherit}
.hint{color:#4f566b;font-size:.875rem;margin:.25rem 0 0}
button,.button{display:inline-block;font:inherit;font-weight:600;border-radius:.4rem;padding:.7rem 1.1rem;border:1px solid #3d4eac;background:#3d4eac;color:#fff;cursor:pointer;text-decoration:none;text-align:center}
button.secondary,.button.secondary{background:#fff;color:#3d4eac}
button.danger{background:#fff;color:#a4171f;border-color:#a4171f}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
.actions>*{flex:1 1 12rem}
a{color:#3d4eac}
:focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
.alert{border:1px solid #a4171f;background:#fdecea;color:#7a0d12;border-radius:.4rem;padding:.75rem 1rem;margin-top:1rem}
.notice{border:1px solid #8792a2;background:#f6f8fa;border-radius:.4rem;padding:.75rem 1rem;margin-top:1rem}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:.5rem 0;border-bottom:1px solid #e3e8ee;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
tfoot td{font-weight:700;border-bottom:0}
fieldset{border:1px solid #d8dee4;border-radius:.5rem;padding:.25rem 1rem 1rem;margin:1rem 0 0}
legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.6rem 0}
.choice input{width:auto;margin-top:.3rem}
.muted{color:#4f566b}
footer{color:#4f566b;font-size:.8rem;margin-top:1.5rem;text-align:center}
`;

export function page(title: string, body: string, options: { embedded?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}${options.embedded ? "body{background:#fff}main{padding-top:.5rem}" : ""}</style>
</head>
<body>
<main>
${options.embedded ? "" : `<span class="badge">Test mode · Stripe emulator</span>`}
${body}
${options.embedded ? "" : `<footer>Served by the local Stripe emulator. No real money moves.</footer>`}
</main>
</body>
</html>`;
}

export function notFoundPage(title: string, message: string): string {
  return page(title, `<div class="card"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>`);
}
