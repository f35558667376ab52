/**
 * The student's web page, its script: plain browser JavaScript (no build step, nothing fetched:
 * the classroom may be offline). It speaks the protocol of `cooplab class join` (protocol.ts):
 * a join with the room code and a name, then a move per round; the host checks everything again.
 * Every string from the host (names, announcements, notices) reaches the page through
 * textContent, never as markup. The limits it checks before sending (name, room code) come from
 * the host's own patterns, in the page's `limits` block (page.ts).
 *
 * Kept as a string, not compiled: a template literal here must hold no backtick and no
 * dollar-brace (tests/classroom/web-page.test.ts parses it).
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var limits = JSON.parse(document.getElementById('limits').textContent);
  var namePattern = new RegExp(limits.namePattern, 'u');
  var codePattern = new RegExp(limits.codePattern);
  var RETRIES = 10;

  function $(id) { return document.getElementById(id); }
  function text(id, value) { $(id).textContent = value; }
  function show(id, on) { $(id).hidden = !on; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  function number(value) {
    if (!isFinite(value)) return '-';
    var rounded = Number(value.toFixed(2));
    return Object.is(rounded, -0) ? '0' : String(rounded);
  }
  function signed(value) {
    var shown = number(value);
    return value > 0 && shown !== '0' ? '+' + shown : shown;
  }

  var state = { socket: undefined, token: undefined, seat: undefined, view: undefined, receivedAt: 0, attempts: 0, stopped: true, code: '', name: '' };

  // The room code can come with the address (the teacher's QR code adds it after a #).
  var fromAddress = '';
  try { fromAddress = decodeURIComponent(location.hash.replace(/^#/, '')).trim().toUpperCase(); } catch (error) { /* a malformed address: no code */ }
  if (codePattern.test(fromAddress)) $('code').value = fromAddress;

  $('join-form').addEventListener('submit', function (event) {
    event.preventDefault();
    join($('name').value.trim().replace(/\s+/g, ' '), $('code').value.trim().toUpperCase());
  });

  function join(name, code) {
    if (!namePattern.test(name)) return failed('Your name: expected ' + limits.nameExpected + '.');
    if (!codePattern.test(code)) return failed('Room code: expected the ' + limits.codeLength + ' letters or digits the teacher shows.');
    state.name = name;
    state.code = code;
    state.token = remembered(code, name);
    state.attempts = 0;
    state.stopped = false;
    text('error', '');
    $('join').disabled = true;
    text('connection', 'connecting…');
    connect();
  }

  function storageKey(code, name) { return 'cooplab-token:' + code + ':' + name.toLowerCase(); }
  // A reloaded page takes its firm back with the token the host gave it (kept for this tab only).
  function remembered(code, name) {
    try { return sessionStorage.getItem(storageKey(code, name)) || undefined; } catch (error) { return undefined; }
  }
  function remember(token) {
    try {
      sessionStorage.setItem(storageKey(state.code, state.name), token);
      sessionStorage.setItem('cooplab-last', JSON.stringify({ code: state.code, name: state.name }));
    } catch (error) { /* private mode: no rejoin after a reload */ }
  }
  function rejoinAfterReload() {
    var last;
    try { last = JSON.parse(sessionStorage.getItem('cooplab-last') || 'null'); } catch (error) { return; }
    if (!last || typeof last.name !== 'string' || typeof last.code !== 'string' || !remembered(last.code, last.name)) return;
    $('name').value = last.name;
    $('code').value = last.code;
    join(last.name, last.code);
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    // The page's own path: behind a proxy that serves the class under /class/ the session is there too.
    var socket = new WebSocket(scheme + location.host + location.pathname);
    state.socket = socket;
    socket.onopen = function () {
      var join = { type: 'join', code: state.code, name: state.name };
      if (state.token !== undefined) join.token = state.token;
      socket.send(JSON.stringify(join));
    };
    socket.onmessage = function (event) {
      if (typeof event.data !== 'string' || event.data.length > limits.maxHostMessage) return;
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      receive(message);
    };
    socket.onclose = function (event) {
      if (state.socket !== socket || state.stopped) return;
      if (event.code === 1008) return giveUp(event.reason || 'the host closed the connection');
      // 1013: the host is full for now; a student who had joined comes back by themselves.
      var busy = event.code === 1013;
      if (!busy && state.seat === undefined) return giveUp('the host cannot be reached');
      if (state.attempts >= RETRIES) return giveUp('the host cannot be reached');
      state.attempts++;
      text('connection', state.seat === undefined ? 'the class is busy: trying again…' : 'connection lost: reconnecting…');
      var wait = busy ? Math.min(5000, 250 * Math.pow(2, Math.min(state.attempts, 5))) * (0.5 + Math.random() / 2) : Math.min(2000, 100 * Math.pow(2, Math.min(state.attempts, 5)));
      setTimeout(function () { if (!state.stopped) connect(); }, wait);
    };
  }

  function receive(message) {
    if (message === null || typeof message !== 'object') return;
    if (message.type === 'welcome' && typeof message.token === 'string') {
      state.token = message.token;
      state.seat = message.seat;
      state.attempts = 0;
      remember(message.token);
      text('connection', '');
      text('joined-as', String(message.name));
      show('join-screen', false);
      show('play-screen', true);
    } else if (message.type === 'refused') {
      giveUp(String(message.reason));
    } else if (message.type === 'notice') {
      text('notice', String(message.text));
    } else if (message.type === 'view' && message.view && typeof message.view === 'object') {
      var previous = state.view;
      if (previous === undefined || previous.round !== message.view.round || previous.phase !== message.view.phase) text('notice', '');
      state.view = message.view;
      state.receivedAt = Date.now();
      render(message.view);
      if (message.view.phase === 'ended') {
        state.stopped = true;
        state.socket.close(1000, 'bye');
      }
    }
  }

  function giveUp(reason) {
    state.stopped = true;
    if (state.socket) state.socket.close();
    if (state.seat === undefined) {
      $('join').disabled = false;
      text('connection', '');
      failed('Cannot join: ' + reason);
    } else {
      text('connection', 'disconnected: ' + reason + ' (reload the page to join again with the same name)');
    }
  }

  function failed(message) { text('error', message); }

  function choose(move) {
    var view = state.view;
    if (!view || view.phase !== 'open' || view.chosen || !state.socket || state.socket.readyState !== WebSocket.OPEN) return;
    state.socket.send(JSON.stringify({ type: 'move', round: view.round, move: move }));
    $('choose-C').disabled = true;
    $('choose-D').disabled = true;
  }
  $('choose-C').addEventListener('click', function () { choose('C'); });
  $('choose-D').addEventListener('click', function () { choose('D'); });

  function secondsLeft() {
    var view = state.view;
    if (!view || view.phase !== 'open' || typeof view.remainingMs !== 'number') return undefined;
    return Math.max(0, Math.ceil((view.remainingMs - (Date.now() - state.receivedAt)) / 1000));
  }

  function phaseLine(view) {
    if (view.phase === 'lobby') return 'Waiting for the teacher to start';
    if (view.phase === 'ended') return 'The session is over';
    var round = 'Round ' + view.round + ' of ' + view.rounds;
    if (view.phase === 'closed') return round + ' is closed: the next round opens soon';
    if (view.partners.length === 0) return round + ': you sit this round out';
    var left = secondsLeft();
    return round + ': choose C or D' + (left === undefined ? '' : ' · ' + left + ' s left');
  }

  function render(view) {
    text('phase', phaseLine(view));
    text('score', 'Score ' + number(view.score) + ' · rank ' + view.rank + ' of ' + view.firms + ' firms');
    renderChoice(view);
    renderPartners(view);
    renderResult(view);
    renderRules(view.rules);
    renderAnnouncements(view);
    show('ended', view.phase === 'ended');
    text('ended', view.phase === 'ended' ? 'The session is over: your score is ' + number(view.score) + ', rank ' + view.rank + ' of ' + view.firms + ' firms.' : '');
  }

  function renderChoice(view) {
    var open = view.phase === 'open' && view.partners.length > 0;
    show('choice', open);
    $('choose-C').disabled = !open || !!view.chosen;
    $('choose-D').disabled = !open || !!view.chosen;
    $('choose-C').classList.toggle('picked', view.chosen === 'C');
    $('choose-D').classList.toggle('picked', view.chosen === 'D');
    var answered = view.answered + ' of ' + view.students + (view.students === 1 ? ' student has' : ' students have') + ' answered';
    text('chosen', !open ? '' : view.chosen ? 'You chose ' + view.chosen + ' in round ' + view.round + ' · ' + answered : 'If you do not answer in time you play ' + view.defaultMove + ' · ' + answered);
  }

  function moves(list) { return list.length === 0 ? '–' : list.join(' '); }

  function renderPartners(view) {
    var list = $('partners');
    clear(list);
    var open = view.phase === 'open';
    if (view.partners.length === 0) return;
    var title = open
      ? (view.partners.length === 1 ? 'Your partner in round ' + view.round : 'Your ' + view.partners.length + ' partners in round ' + view.round + ' (one choice plays them all)')
      : 'Your ' + (view.partners.length === 1 ? 'partner' : 'partners') + ' in round ' + view.round;
    list.appendChild(element('h2', '', title));
    view.partners.forEach(function (partner) {
      var item = element('div', 'partner');
      item.appendChild(element('strong', 'partner-name', partner.name));
      if (open) {
        var a = partner.activity;
        var stakes = a.name + ' (' + (a.lowRisk ? 'low-risk' : 'risky') + '): both C ' + signed(a.R) + ' each · you C, they D ' + signed(a.S) + ' · you D, they C ' + signed(a.T) + ' · both D ' + signed(a.P) + (a.cost > 0 ? ' · cost ' + number(a.cost) : '');
        item.appendChild(element('div', 'stakes', stakes));
      }
      item.appendChild(element('div', 'history', 'your trust ' + number(partner.trust) + ' · you ' + moves(partner.yours) + ' · they ' + moves(partner.theirs)));
      list.appendChild(item);
    });
  }

  function renderResult(view) {
    var box = $('result');
    clear(box);
    var last = view.last;
    if (!last) return;
    box.appendChild(element('h2', '', 'Round ' + last.round + ' result'));
    box.appendChild(element('p', '', 'You played ' + last.move + (last.answered ? '' : ' (no answer: the default)') + ' and earned ' + signed(last.payoff) + '.'));
    last.outcomes.forEach(function (outcome) {
      var fine = outcome.fine > 0 ? ', fined ' + number(outcome.fine) : outcome.fine < 0 ? ', compensated ' + number(-outcome.fine) : '';
      box.appendChild(element('p', 'outcome', outcome.name + ' played ' + outcome.theirs + ' (' + outcome.activity + ': you earned ' + signed(outcome.payoff) + fine + ')'));
    });
  }

  function renderRules(rules) {
    var on = rules.fine > 0 && rules.detection > 0;
    var offered = rules.activities.filter(function (a) { return a.enabled; }).map(function (a) { return a.name + (a.lowRisk ? ' (low-risk)' : ''); }).join(', ');
    text('rules', 'Sanctions ' + (on ? 'ON' : 'off') + ' · fine ' + number(rules.fine) + ' · detection ' + Math.round(rules.detection * 100) + '% · ' + (rules.crisis ? 'CRISIS ×' + number(rules.temptationFactor) : 'no crisis') + ' · on offer: ' + offered);
    var pending = $('pending');
    clear(pending);
    rules.pending.forEach(function (change) { pending.appendChild(element('li', '', 'from round ' + change.from + ': ' + change.label)); });
  }

  function renderAnnouncements(view) {
    var box = $('announcements');
    clear(box);
    var seenUpTo = view.last ? view.last.round : 0;
    view.announcements.slice().reverse().forEach(function (entry) {
      var item = element('div', entry.round >= seenUpTo ? 'announcement new' : 'announcement');
      var when = entry.round === 0 ? 'before round 1' : 'from round ' + entry.from;
      item.appendChild(element('strong', '', (entry.round >= seenUpTo ? 'NEW · ' : '') + when + ': ' + entry.label));
      item.appendChild(element('p', '', entry.why));
      box.appendChild(item);
    });
  }

  rejoinAfterReload();
  setInterval(function () { if (state.view && state.view.phase === 'open') text('phase', phaseLine(state.view)); }, 250);
})();
`;
