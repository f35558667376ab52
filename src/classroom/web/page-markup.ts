/**
 * The student's web page, its markup. Every element the script fills has an id; the script
 * writes text into them, never markup. `{{style}}`, `{{codeLength}}`, `{{limits}}` and `{{script}}` are filled by page.ts.
 */
export const PAGE_MARKUP = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>cooplab class</title>
<style>{{style}}</style>
</head>
<body>
<main>
<h1>cooplab class session</h1>
<section id="join-screen">
<p>You are a firm in a cluster. Every round you choose to co-operate (C) or defect (D) with your partners.</p>
<form id="join-form" autocomplete="off" novalidate>
<label for="name">Your name</label>
<input id="name" name="name" autocapitalize="words" required>
<label for="code">Room code</label>
<input id="code" name="code" maxlength="{{codeLength}}" autocapitalize="characters" spellcheck="false" required>
<button id="join" type="submit">Join</button>
</form>
<p id="error" class="error" role="alert"></p>
</section>
<section id="play-screen" hidden>
<p class="muted">You are <strong id="joined-as"></strong></p>
<p id="phase" aria-live="polite"></p>
<div id="choice" hidden>
<div class="buttons">
<button id="choose-C" type="button">C<small>co-operate</small></button>
<button id="choose-D" type="button">D<small>defect</small></button>
</div>
<p id="chosen" class="muted"></p>
</div>
<p id="notice" class="error" role="status"></p>
<p id="ended" hidden></p>
<p id="score"></p>
<div id="partners"></div>
<div id="result"></div>
<div id="announcements"></div>
<h2>Rules</h2>
<p id="rules"></p>
<ul id="pending"></ul>
</section>
<p id="connection" class="muted" aria-live="polite"></p>
</main>
<script type="application/json" id="limits">{{limits}}</script>
<script>{{script}}</script>
</body>
</html>
`;
