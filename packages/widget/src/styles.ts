// The widget's CSS, adopted into its shadow root. Sizes are in px, not rem: a host page's
// `html { font-size: 40px }` must not blow the survey up. Layout uses logical properties for RTL.
// Theme variables (documented in docs/widget.md) are set on :host and may be overridden. Lines end in `\`
// (a continuation: no newline in the string). The CSS of the lazily loaded parts is in their chunks.

export const CSS = `:host{all:initial!important;display:block!important;--tl-bg:#fff;--tl-fg:#1f2328;--tl-muted:#57606a;\
--tl-border:#8b949e;--tl-line:#d8dee4;--tl-accent:#4f46e5;--tl-accent-fg:#fff;--tl-soft:#eef0fb;--tl-error:#b42318;\
--tl-radius:12px;--tl-font:system-ui,sans-serif;--tl-width:380px;\
--tl-shadow:0 12px 32px #0f172a2e,0 2px 6px #0f172a14}\
:host([data-scheme=dark]){--tl-bg:#1c1f24;--tl-fg:#e6edf3;--tl-muted:#9da7b3;--tl-border:#6e7681;--tl-line:#30363d;\
--tl-accent:#a5b4fc;--tl-accent-fg:#111827;--tl-soft:#272b3a;--tl-error:#ff9b92;--tl-shadow:0 12px 32px #0008}\
*{box-sizing:border-box}[hidden]{display:none!important}\
.card{font:15px/1.45 var(--tl-font);color:var(--tl-fg);background:var(--tl-bg);border:1px solid var(--tl-line);\
border-radius:var(--tl-radius);padding:20px;text-align:start}\
.pop{position:fixed;z-index:var(--tl-z,2147483000);inline-size:min(var(--tl-width),calc(100vw - 32px));\
max-inline-size:none;max-block-size:calc(100dvh - 32px);overflow:auto;box-shadow:var(--tl-shadow);margin:0;inset:auto;\
inset-block-end:calc(16px + var(--tl-kb,0px));inset-inline-end:16px}\
.pop.sheet{inset-inline:0;inset-block:auto var(--tl-kb,0px);inline-size:100%;padding:0 16px max(16px,env(safe-area-inset-bottom));\
border-radius:16px 16px 0 0;max-block-size:85dvh;translate:0 var(--tl-drag,0)}\
.sheet::backdrop{background:#0f172a73}\
.grab{block-size:24px;margin-inline:-16px;touch-action:none;cursor:grab}\
.grab:before{content:"";display:block;inline-size:36px;block-size:4px;margin:10px auto 0;border-radius:2px;\
background:var(--tl-border)}\
@media (prefers-reduced-motion:no-preference){.pop{animation:tl-in .18s ease-out}@keyframes tl-in{from{opacity:0;\
transform:translateY(8px)}}.sheet::backdrop{animation:tl-fade .18s}@keyframes tl-fade{from{opacity:0}}}\
.head{display:flex;align-items:flex-start;gap:8px}\
h2{font-size:17px;line-height:1.35;font-weight:600;margin:0;flex:1;overflow-wrap:anywhere;outline:none}\
.desc{margin:6px 0 0;color:var(--tl-muted);overflow-wrap:anywhere}.body{margin-block:16px}.body:last-child{margin-block-end:0}\
button{font:inherit;color:inherit;cursor:pointer}\
.x{background:none;border:0;border-radius:8px;inline-size:32px;block-size:32px;margin:-6px;color:var(--tl-muted);\
font-size:22px;line-height:1}\
:focus-visible{outline:2px solid var(--tl-accent);outline-offset:2px}.scale{display:flex;gap:4px}\
.scale>.opt{flex:1 1 0}\
.opt{min-block-size:40px;min-inline-size:24px;padding:0;border:1px solid var(--tl-border);border-radius:8px;\
background:var(--tl-bg);font-weight:500}\
@media (pointer:coarse){.opt{min-block-size:44px}}.x:hover,.opt:hover{background:var(--tl-soft)}\
.opt[aria-checked=true]{background:var(--tl-accent);border-color:var(--tl-accent);color:var(--tl-accent-fg)}\
.ends{display:flex;justify-content:space-between;gap:12px;margin-block-start:8px;font-size:13px;\
color:var(--tl-muted)}\
.ends span:last-child{text-align:end}.err{color:var(--tl-error);font-size:14px;margin:8px 0 0}\
.foot{display:flex;align-items:center;gap:8px}\
.prog{flex:1;block-size:4px;border:0;border-radius:2px;background:var(--tl-line);overflow:hidden;appearance:none}\
.prog::-webkit-progress-bar{background:var(--tl-line)}.prog::-webkit-progress-value{background:var(--tl-accent)}\
.prog::-moz-progress-bar{background:var(--tl-accent)}.sp{flex:1}\
.btn{display:inline-flex;align-items:center;justify-content:center;min-block-size:40px;padding:0 18px;\
border-radius:8px;border:1px solid var(--tl-accent);background:var(--tl-accent);color:var(--tl-accent-fg);\
font-weight:600;text-decoration:none}\
.sr{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`
