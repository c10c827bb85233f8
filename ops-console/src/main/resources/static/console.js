// The ops console's page: everything rendered with textContent (never innerHTML), so keys, reasons and exception
// messages are shown as text, not markup.
'use strict';

const state = { me: null, traceUi: '', chart: null, history: [], relayed: null };

function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value !== null && value !== undefined) {
            node.setAttribute(name, value);
        }
    }
    for (const child of children) {
        node.append(child instanceof Node ? child : document.createTextNode(child === null || child === undefined ? '' : String(child)));
    }
    return node;
}

function bytes(n) {
    if (n === null || n === undefined) return '?';
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
    return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

function duration(ms) {
    if (ms === null || ms === undefined) return '?';
    if (ms % 3600000 === 0) return (ms / 3600000) + ' h';
    if (ms % 60000 === 0) return (ms / 60000) + ' min';
    return (ms / 1000) + ' s';
}

function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
}

async function getJson(url, options) {
    const response = await fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, options));
    const body = await response.json().catch(() => null);
    if (!response.ok) {
        throw new Error((body && body.detail) || ('HTTP ' + response.status));
    }
    return body;
}

// A status panel's data: the console answers 200 with ok=false when the service is down or refuses, so that a stopped
// service shows in its panel rather than as a failed request.
async function getPanel(url) {
    const answer = await getJson(url);
    if (!answer.ok) {
        throw new Error(answer.detail);
    }
    return answer.body;
}

// --- the commit log and the groups ------------------------------------------------------------------------------

function renderLog(snapshot) {
    document.getElementById('topic').textContent = snapshot.topic;
    document.getElementById('topic-config').textContent =
        'segment.bytes ' + bytes(snapshot.segmentBytes) + ' · segment.ms ' +
        duration(snapshot.segmentMs) +
        ' · a segment rolls when it would exceed segment.bytes or is older than segment.ms';
    const rows = snapshot.partitions.map(p => el('tr', { id: 'partition-' + p.partition },
        el('td', {}, 'P' + p.partition),
        el('td', { class: 'num' }, p.leader),
        el('td', {}, p.replicas.join(', ')),
        el('td', {}, p.isr.join(', ')),
        el('td', { class: 'num', id: 'log-start-' + p.partition }, p.logStart),
        el('td', { id: 'segments-' + p.partition }, segments(p)),
        el('td', { class: 'num', id: 'log-end-' + p.partition }, p.logEnd),
        el('td', { class: 'num' }, bytes(p.sizeBytes))));
    document.querySelector('#partitions tbody').replaceChildren(...rows);
    document.getElementById('groups').replaceChildren(...snapshot.groups.map(renderGroup));
}

function segments(p) {
    const box = el('div', { class: 'segments', title: 'segments (' + p.segmentsSource + ')' });
    const count = p.segments || 0;
    const shown = Math.min(count, 12);
    if (count > shown) {
        box.append(el('span', { class: 'segment' }, '+' + (count - shown)));
    }
    for (let i = 0; i < shown; i++) {
        const active = i === shown - 1;
        box.append(el('span', { class: active ? 'segment active' : 'segment' },
            active && p.activeSegment !== null ? 'active @' + p.activeSegment : ''));
    }
    const label = count + (count === 1 ? ' segment' : ' segments');
    return el('div', {}, box, p.segmentsSource === 'estimate'
        ? el('span', { class: 'estimate' }, label + ' (ESTIMATE from size / segment.bytes)')
        : el('small', {}, label + (p.segmentsSource === 'log-dir' ? ' (broker log dir)' : ' (unknown)')));
}

function renderGroup(group) {
    const maxLag = Math.max(1, ...group.partitions.map(p => p.lag));
    const rows = group.partitions.map(p => el('tr', { id: 'group-' + group.groupId + '-' + p.partition },
        el('td', {}, 'P' + p.partition),
        el('td', {}, p.owner || '—'),
        el('td', { class: 'num', id: 'committed-' + group.groupId + '-' + p.partition },
            p.committed === null ? 'none' : p.committed),
        el('td', { class: 'num ' + (p.lag === 0 ? 'lag0' : ''), id: 'lag-' + group.groupId + '-' + p.partition }, p.lag),
        el('td', {}, el('span', { class: 'lagbar', style: 'width:' + Math.round(200 * p.lag / maxLag) + 'px' }))));
    const members = group.members.length === 0 ? 'no members (nobody consumes: lag grows as the log grows)'
        : group.members.map(m => m.clientId + ' → ' + m.partitions.map(p => 'P' + p).join(' ')).join(' · ');
    return el('div', { class: 'group', id: 'group-' + group.groupId },
        el('h3', {}, group.groupId + ' ', el('small', {}, group.state + ' · total lag ' +
            group.partitions.reduce((sum, p) => sum + p.lag, 0))),
        el('p', { class: 'hint' }, members),
        el('table', {},
            el('thead', {}, el('tr', {}, el('th', {}, 'partition'), el('th', {}, 'member'),
                el('th', {}, 'committed offset'), el('th', {}, 'lag'), el('th', {}, ''))),
            el('tbody', {}, ...rows)));
}

// --- the chart ---------------------------------------------------------------------------------------------------

function chartData() {
    return [
        state.history.map(s => new Date(s.at).getTime() / 1000),
        state.history.map(s => s.eventsPerSecond),
        state.history.map(s => s.totalLag)];
}

function addSample(sample) {
    state.history.push(sample);
    const oldest = new Date(sample.at).getTime() - 5 * 60 * 1000;
    while (state.history.length && new Date(state.history[0].at).getTime() < oldest) {
        state.history.shift();
    }
    document.getElementById('events-per-second').textContent = sample.eventsPerSecond;
    document.getElementById('total-lag').textContent = sample.totalLag;
    if (state.chart) {
        state.chart.setData(chartData());
    }
}

function createChart() {
    const container = document.getElementById('chart');
    state.chart = new uPlot({
        width: Math.max(300, container.clientWidth - 10),
        height: 220,
        series: [{}, { label: 'events/s', stroke: '#3a6fd8', scale: 'rate' },
            { label: 'total lag', stroke: '#e8a33d', scale: 'lag' }],
        axes: [{}, { scale: 'rate', label: 'events/s' }, { scale: 'lag', side: 1, label: 'lag', grid: { show: false } }],
        scales: { rate: { range: (u, min, max) => [0, Math.max(1, max)] }, lag: { range: (u, min, max) => [0, Math.max(1, max)] } },
    }, chartData(), container);
}

// --- the live feed -----------------------------------------------------------------------------------------------

function addEvent(event) {
    const trace = event.traceId
        ? el('a', { href: state.traceUi + '/zipkin/traces/' + event.traceId, target: '_blank', rel: 'noopener' },
            event.traceId.substring(0, 8) + '…')
        : '—';
    const row = el('tr', {},
        el('td', {}, time(event.timestamp)),
        el('td', { class: 'num' }, 'P' + event.partition),
        el('td', { class: 'num' }, event.offset),
        el('td', {}, event.key),
        el('td', {}, event.eventType),
        el('td', {}, event.eventId),
        el('td', {}, trace));
    const body = document.querySelector('#feed tbody');
    body.prepend(row);
    while (body.children.length > 50) {
        body.lastChild.remove();
    }
}

// --- the services: relay, dead letters ---------------------------------------------------------------------------

async function refreshRelay() {
    const panel = document.getElementById('relay');
    try {
        const relay = await getPanel('/api/relay');
        const local = relay.local || {};
        const slot = relay.slot || {};
        const status = local.streaming ? 'streaming' : (local.phase || relay.role);
        const now = Date.now();
        const rate = state.relayed && relay.instance === state.relayed.instance && local.eventsRelayed >= state.relayed.count
            ? ((local.eventsRelayed - state.relayed.count) * 1000 / (now - state.relayed.at)).toFixed(1) : '?';
        state.relayed = { instance: relay.instance, count: local.eventsRelayed, at: now };
        const entries = [
            ['leader', relay.leader || 'none'], ['this instance', relay.instance + ' (' + relay.role + ')'],
            ['state', status + (relay.reason ? ': ' + relay.reason : '') + (local.snapshotReason ? ' (snapshot: ' + local.snapshotReason + ')' : '')],
            ['confirmed LSN', slot.confirmedFlushLsn || '?'], ['retained WAL', bytes(slot.retainedWalBytes)],
            ['events relayed', local.eventsRelayed + ' (' + rate + ' events/s)'],
            ['commit → ack lag', local.lastEventAt && local.lastEventCommittedAt
                ? (new Date(local.lastEventAt) - new Date(local.lastEventCommittedAt)) + ' ms (last event)' : '?'],
            ['last error', local.lastError || '—']];
        panel.replaceChildren(...entries.flatMap(([name, value]) => [el('dt', {}, name), el('dd', { id: 'relay-' + name.replace(/\W+/g, '-') }, value)]));
    } catch (e) {
        panel.replaceChildren(el('dt', {}, 'relay'), el('dd', { class: 'error' }, e.message));
    }
}

async function refreshDeadLetters() {
    const body = document.querySelector('#dead-letters tbody');
    const counts = document.getElementById('dead-letter-counts');
    try {
        const listing = await getPanel('/api/dead-letters');
        counts.textContent = listing.total + ' dead letters: ' + listing.pending + ' pending, ' + listing.redriven +
            ' re-driven, ' + listing.discarded + ' discarded';
        const newestFirst = [...listing.items].sort((a, b) => new Date(b.timestamp) - new Date(a.timestamp));
        body.replaceChildren(...newestFirst.map(d => el('tr', {},
            el('td', {}, d.partition + '/' + d.offset),
            el('td', {}, time(d.timestamp)),
            el('td', {}, d.key),
            el('td', {}, d.eventType),
            el('td', {}, (d.exceptionClass || '') + (d.exceptionMessage ? ': ' + d.exceptionMessage : '')),
            el('td', {}, d.redriven ? 're-driven by ' + d.redriven.by : d.discarded ? 'discarded' : 'pending'),
            el('td', {}, redriveButton(d)))));
    } catch (e) {
        counts.replaceChildren(el('span', { class: 'error' }, e.message));
    }
}

function redriveButton(deadLetter) {
    if (!state.me.operator || deadLetter.redriven || deadLetter.discarded) {
        return '';
    }
    const button = el('button', {}, 'Re-drive');
    button.addEventListener('click', async () => {
        button.disabled = true;
        try {
            await getJson('/api/dead-letters/' + deadLetter.partition + '/' + deadLetter.offset + '/redrive', {
                method: 'POST', headers: { Accept: 'application/json', [state.me.csrfHeader]: state.me.csrfToken } });
        } catch (e) {
            button.replaceWith(el('span', { class: 'error' }, e.message));
        }
        refreshDeadLetters();
    });
    return button;
}

// --- the journey of one order -----------------------------------------------------------------------------------

async function showJourney(orderId) {
    const summary = document.getElementById('journey-summary');
    const body = document.querySelector('#journey tbody');
    body.replaceChildren();
    summary.textContent = 'loading…';
    try {
        const journey = await getJson('/api/orders/' + encodeURIComponent(orderId) + '/journey');
        summary.textContent = 'order ' + journey.orderId + ' · ' + journey.status + ' · ' + journey.events.length +
            ' events' + (journey.outboxRowsDeleted ? ' · outbox rows deleted by retention (no commit times)' : '');
        body.replaceChildren(...journey.events.map(e => el('tr', { id: 'journey-' + e.eventId, class: 'journey-event' },
            el('td', { class: 'journey-type' }, e.eventType),
            el('td', {}, time(e.committedAt)),
            el('td', { class: 'num' }, ms(e.commitToRecordMs)),
            el('td', {}, time(e.recordTimestamp)),
            el('td', { class: 'num journey-partition' }, e.partition == null ? '—' : e.partition),
            el('td', { class: 'num journey-offset' }, e.offset == null ? '—' : e.offset),
            el('td', { class: 'num' }, ms(e.recordToProcessedMs)),
            el('td', {}, e.blocked ? 'blocked behind a dead letter' : time(e.processedAt)),
            el('td', {}, e.notificationId || '—'),
            el('td', {}, e.emailStatus ? e.emailStatus + ' ' + time(e.emailSentAt) : '—'),
            el('td', { class: 'num' }, ms(e.processedToEmailMs)),
            el('td', {}, e.traceUrl
                ? el('a', { href: e.traceUrl, target: '_blank', rel: 'noopener' }, e.traceId.substring(0, 8) + '…')
                : '—'))));
    } catch (e) {
        summary.replaceChildren(el('span', { class: 'error' }, e.message));
    }
}

function ms(value) {
    return value === null || value === undefined ? '—' : value;
}

// --- start -------------------------------------------------------------------------------------------------------

function setStatus(text, ok) {
    const status = document.getElementById('status');
    status.textContent = text;
    status.className = 'status ' + (ok ? 'ok' : 'down');
}

async function start() {
    state.me = await getJson('/api/me');
    document.getElementById('user-name').textContent = state.me.name;
    document.getElementById('user-role').textContent = state.me.operator ? 'operator' : 'viewer';
    const csrf = document.getElementById('logout-csrf');
    csrf.name = '_csrf';
    csrf.value = state.me.csrfToken;

    const initial = await getJson('/api/log');
    state.traceUi = initial.traceUi.replace(/\/$/, '');
    state.history = initial.history;
    if (initial.snapshot) {
        renderLog(initial.snapshot);
    }
    initial.events.forEach(addEvent);
    createChart();

    const stream = new EventSource('/api/stream');
    stream.addEventListener('open', () => setStatus('live', true));
    stream.addEventListener('error', () => setStatus('reconnecting…', false));
    stream.addEventListener('kafka-down', e => setStatus(JSON.parse(e.data), false));
    stream.addEventListener('log', e => {
        const update = JSON.parse(e.data);
        setStatus('live · ' + time(update.snapshot.at), true);
        renderLog(update.snapshot);
        addSample(update.sample);
    });
    stream.addEventListener('event', e => addEvent(JSON.parse(e.data)));

    document.getElementById('journey-form').addEventListener('submit', e => {
        e.preventDefault();
        showJourney(document.getElementById('journey-order-id').value.trim());
    });
    refreshRelay();
    refreshDeadLetters();
    setInterval(refreshRelay, 2000);
    setInterval(refreshDeadLetters, 5000);
}

document.addEventListener('DOMContentLoaded', () => start().catch(e => setStatus(e.message, false)));
