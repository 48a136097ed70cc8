// The official deepstream JavaScript client through the same workloads as ClientBenchmark's Java client.
// Usage: node js-bench.js <workload> <url> <count> <argument> ; prints one JSON object with the figures (named as
// ClientBenchmark names them), then exits. The argument is the workload's: RPCs in flight, events per second, a
// record name prefix.
// Run with NODE_PATH pointing at the js-peer installation's node_modules.
'use strict'
const { DeepstreamClient } = require('@deepstream/client')

const [workload, url, countText, argument] = process.argv.slice(2)
const count = Number(countText)
const PAYLOAD = 'p'.repeat(98)

function connected (username) {
  return new Promise((resolve, reject) => {
    const client = new DeepstreamClient(url)
    client.on('error', () => {})
    client.login({ username }, (success) => success ? resolve(client) : reject(new Error('login refused')))
  })
}

function cpuMicros (since) {
  const used = process.cpuUsage(since)
  return used.user + used.system
}

function percentile (sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

// events A->B: sendAll(a, name) emits count events; the figures once B has received them all (with the share
// delivered when asked, as ClientBenchmark's burst reports it)
async function eventsBetweenTwo (prefix, sendAll, withDelivered) {
  const a = await connected(prefix + 'a')
  const b = await connected(prefix + 'b')
  const name = 'bench/' + prefix + '/' + Date.now()
  let received = 0
  let done
  const finished = new Promise((resolve) => { done = resolve })
  b.event.subscribe(name, () => { if (++received === count) done() })
  await new Promise((resolve) => setTimeout(resolve, 200))
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  await sendAll(a, name)
  await finished
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const micros = cpuMicros(cpu)
  a.close(); b.close()
  const figures = { 'events/s': count / seconds, cpuMicrosPer: micros / count }
  if (withDelivered) figures.deliveredPercent = 100 * received / count
  return figures
}

// emits in slices so that the socket drains meanwhile, as a real application's turns would
const events = () => eventsBetweenTwo('js-', (a, name) => new Promise((resolve) => {
  let sent = 0
  ;(function slice () {
    for (let i = 0; i < 1000 && sent < count; i++, sent++) a.event.emit(name, PAYLOAD)
    if (sent < count) setImmediate(slice); else resolve()
  })()
}), false)

// the same object as ClientBenchmark.Order.of(id)
function order (id) {
  return { id, customer: 'customer-' + id + '-of-the-benchmark', note: 'deliver to the back door, ring twice' }
}

// a burst: every emit in one turn
const objectEvents = () => eventsBetweenTwo('js-objects-', (a, name) => {
  for (let i = 0; i < count; i++) a.event.emit(name, order(i))
}, true)

// calls with a window of argument in flight, each sending what payload(id) gives, echoed by the provider
async function calls (prefix, payload) {
  const caller = await connected(prefix + '-caller')
  const provider = await connected(prefix + '-provider')
  const name = 'bench-' + prefix + '-' + Date.now()
  provider.rpc.provide(name, (data, response) => response.send(data))
  await new Promise((resolve) => setTimeout(resolve, 200))
  const inFlight = Number(argument)
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  const micros = []
  let issued = 0
  let answered = 0
  await new Promise((resolve, reject) => {
    function next () {
      if (issued >= count) return
      const id = issued++
      const sentAt = process.hrtime.bigint()
      caller.rpc.make(name, payload(id), (error) => {
        if (error) { reject(new Error(String(error))); return }
        micros.push(Number(process.hrtime.bigint() - sentAt) / 1000)
        if (++answered === count) resolve(); else next()
      })
    }
    for (let i = 0; i < inFlight; i++) next()
  })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpuUsed = cpuMicros(cpu)
  caller.close(); provider.close()
  micros.sort((x, y) => x - y)
  return { 'calls/s': count / seconds, cpuMicrosPer: cpuUsed / count, p50Micros: percentile(micros, 0.5) }
}

const rpc = () => calls('js', () => PAYLOAD)
const objectRpc = () => calls('js-objects', order)

async function connect () {
  const millis = []
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint()
    const client = await connected('js-connect-' + i)
    millis.push(Number(process.hrtime.bigint() - start) / 1e6)
    client.close()
  }
  millis.sort((x, y) => x - y)
  return { p50Millis: percentile(millis, 0.5), p90Millis: percentile(millis, 0.9) }
}

async function latency () {
  const a = await connected('js-la')
  const b = await connected('js-lb')
  const name = 'bench/js-latency/' + Date.now()
  const micros = []
  let done
  const finished = new Promise((resolve) => { done = resolve })
  b.event.subscribe(name, (sentAt) => {
    micros.push(Number(process.hrtime.bigint() - BigInt(sentAt)) / 1000)
    if (micros.length === count) done()
  })
  await new Promise((resolve) => setTimeout(resolve, 200))
  const rate = Number(argument)
  const start = process.hrtime.bigint()
  let sent = 0
  await new Promise((resolve) => {
    (function tick () {
      const due = Math.floor(Number(process.hrtime.bigint() - start) / 1e9 * rate)
      for (; sent < Math.min(due, count); sent++) a.event.emit(name, String(process.hrtime.bigint()))
      if (sent < count) setTimeout(tick, 1); else resolve()
    })()
  })
  await finished
  a.close(); b.close()
  micros.sort((x, y) => x - y)
  return { p50Micros: percentile(micros, 0.5), p99Micros: percentile(micros, 0.99) }
}

async function records () {
  const reader = await connected('js-reader')
  // one at a time: each record requested, read, discarded before the next
  const millis = []
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint()
    const record = reader.record.getRecord(argument + i)
    await record.whenReady()
    millis.push(Number(process.hrtime.bigint() - start) / 1e6)
    record.discard()
  }
  // all at once: every record requested, then waited for
  const start = process.hrtime.bigint()
  const all = []
  for (let i = 0; i < count; i++) all.push(reader.record.getRecord(argument + i))
  await Promise.all(all.map((record) => record.whenReady()))
  const allAtOnceMillis = Number(process.hrtime.bigint() - start) / 1e6
  all.forEach((record) => record.discard())
  reader.close()
  millis.sort((x, y) => x - y)
  return { oneAtATimeP50Millis: percentile(millis, 0.5), allAtOnceMillis }
}

async function recordUpdates () {
  const writer = await connected('js-writer')
  const watcher = await connected('js-watcher')
  const name = 'bench/js-record/' + Date.now()
  const written = writer.record.getRecord(name)
  const watched = watcher.record.getRecord(name)
  await written.whenReady()
  await watched.whenReady()
  let done
  const finished = new Promise((resolve) => { done = resolve })
  watched.subscribe('n', (value) => { if (value === count) done() })
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  let sent = 0
  await new Promise((resolve) => {
    (function slice () {
      for (let i = 0; i < 1000 && sent < count; i++) written.set('n', ++sent)
      if (sent < count) setImmediate(slice); else resolve()
    })()
  })
  await finished
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpuUsed = cpuMicros(cpu)
  writer.close(); watcher.close()
  return { 'updates/s': count / seconds, cpuMicrosPer: cpuUsed / count }
}

// Many clients in this one process, each logged in with 10 event subscriptions, then idle for <argument> seconds:
// the time to connect and log them all in (all at once), the heap per client after a collection, the process's
// threads, and its CPU while idle (heartbeats only).
async function scale () {
  require('v8').setFlagsFromString('--expose-gc')
  const gc = require('vm').runInNewContext('gc')
  // V8's heap and the buffers outside it, as a JVM's heap holds both
  const heap = () => { const used = process.memoryUsage(); return used.heapUsed + used.external }
  const idleSeconds = Number(argument)
  gc()
  const heapBefore = heap()
  const start = process.hrtime.bigint()
  const clients = await Promise.all(Array.from({ length: count }, (_, i) => connected('js-scale-' + i)))
  const connectAllMillis = Number(process.hrtime.bigint() - start) / 1e6
  clients.forEach((client, i) => {
    for (let s = 0; s < 10; s++) client.event.subscribe('scale/' + i + '/' + s, () => {})
  })
  // the subscriptions are on the wire once the event loop has run
  await new Promise((resolve) => setTimeout(resolve, 1000))
  gc()
  const heapKBPerClient = (heap() - heapBefore) / 1024 / count
  const status = require('fs').readFileSync('/proc/self/status', 'utf8')
  const threads = Number((status.match(/Threads:\s+(\d+)/) || [0, 0])[1])
  const cpu = process.cpuUsage()
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000))
  const idleCpuMillis = cpuMicros(cpu) / 1000
  clients.forEach((client) => client.close())
  return { connectAllMillis, heapKBPerClient, threads, idleCpuMillisPerMinute: idleCpuMillis * 60 / idleSeconds }
}

const workloads = { events, rpc, connect, latency, records, recordUpdates, objectEvents, objectRpc, scale }
workloads[workload]().then((result) => {
  process.stdout.write(JSON.stringify(result) + '\n')
  process.exit(0)
}, (error) => {
  process.stderr.write(String(error && error.stack || error) + '\n')
  process.exit(1)
})
