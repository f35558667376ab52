/** The student's web page, its style: large type and two big buttons, usable on a phone held in one hand. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --accent: #1f6feb; --coop: #1a7f37; --defect: #cf222e; --muted: #6e7781; }
* { box-sizing: border-box; }
body { font: 18px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; padding: 1rem; max-width: 40rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
p { margin: 0.25rem 0; }
label { display: block; margin: 0.75rem 0 0.25rem; font-weight: 600; }
input { font: inherit; width: 100%; padding: 0.6rem; border: 2px solid var(--muted); border-radius: 0.5rem; }
#code { text-transform: uppercase; letter-spacing: 0.2em; }
button { font: inherit; cursor: pointer; border-radius: 0.75rem; border: none; }
#join { margin-top: 1rem; width: 100%; padding: 0.9rem; background: var(--accent); color: #fff; font-weight: 700; }
#join:disabled { opacity: 0.6; }
.error { color: var(--defect); font-weight: 600; min-height: 1.5em; }
.muted { color: var(--muted); }
#phase { font-size: 1.3rem; font-weight: 700; margin: 0.5rem 0; }
#choice .buttons { display: flex; gap: 0.75rem; }
#choice button { flex: 1; min-height: 7rem; font-size: 1.6rem; font-weight: 800; color: #fff; }
#choice button small { display: block; font-size: 0.9rem; font-weight: 600; }
#choose-C { background: var(--coop); }
#choose-D { background: var(--defect); }
#choice button:disabled { opacity: 0.35; cursor: default; }
#choice button.picked { opacity: 1; outline: 0.3rem solid var(--accent); outline-offset: 0.2rem; }
.partner { padding: 0.5rem 0; border-bottom: 1px solid color-mix(in srgb, var(--muted) 40%, transparent); }
.partner-name { font-size: 1.15rem; }
.stakes, .history { font-size: 0.95rem; }
.announcement { border-left: 0.3rem solid var(--muted); padding: 0.25rem 0.75rem; margin: 0.5rem 0; }
.announcement.new { border-color: #bf8700; }
#ended { font-size: 1.3rem; font-weight: 700; }
#rules { font-size: 0.95rem; }
`;
