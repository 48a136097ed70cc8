// Drives the official deepstream JavaScript client for the Java interop tests.
// Reads one JSON command per line on stdin ({"id", "op", ...}), answers each with {"id", "ok", "result"|"error"}
// on stdout, and reports what the client receives as {"notification", ...} lines.
'use strict'
const readline = require('readline')
const { DeepstreamClient } = require('@deepstream/client')

let client = null
const counters = {}
const seen = {}

function write (message) {
  process.stdout.write(JSON.stringify(message) + '\n')
}

function errorText (error) {
  if (error === undefined || error === null) return 'unknown'
  if (typeof error === 'string') return error
  if (error.message) return error.message
  return JSON.stringify(error)
}

const operations = {
  async connect ({ url, username }) {
    client = new DeepstreamClient(url)
    client.on('error', (error, event, topic) => write({ notification: 'error', event, topic: String(topic) }))
    return client.login({ username })
  },
  async subscribe ({ name }) {
    client.event.subscribe(name, (data) => write({ notification: 'event', name, data }))
    return true
  },
  // counts instead of reporting each event, for bursts: the distinct values of data.seq, and the total
  async subscribeCount ({ name }) {
    seen[name] = new Set()
    let total = 0
    counters[name] = () => ({ total, distinct: seen[name].size })
    client.event.subscribe(name, (data) => {
      total++
      seen[name].add(data && data.seq)
    })
    return true
  },
  async count ({ name }) {
    return counters[name] ? counters[name]() : null
  },
  // which of the given data.seq values never arrived on a subscribeCount subscription
  async missing ({ name, seqs }) {
    return seqs.filter((seq) => !seen[name].has(seq))
  },
  async recordSnapshot ({ name }) {
    return client.record.snapshot(name)
  },
  async emit ({ name, data }) {
    client.event.emit(name, data)
    return true
  },
  async provide ({ name, mode }) {
    client.rpc.provide(name, (data, response) => {
      if (mode === 'reject') response.reject()
      else if (mode === 'error') response.error('js provider failed')
      else response.send({ echoed: data, by: 'js' })
    })
    return true
  },
  async make ({ name, data }) {
    return client.rpc.make(name, data)
  },
  async presenceSubscribe () {
    client.presence.subscribe((user, online) => write({ notification: 'presence', user, online }))
    return true
  },
  async presenceGetAll () {
    return client.presence.getAll()
  },
  async recordSubscribe ({ name }) {
    const record = client.record.getRecord(name)
    await record.whenReady()
    record.subscribe((data) => write({ notification: 'record', name, data, version: record.version }), true)
    return { data: record.get(), version: record.version }
  },
  async recordSet ({ name, path, data }) {
    const record = client.record.getRecord(name)
    await record.whenReady()
    if (path) await record.setWithAck(path, data)
    else await record.setWithAck(data)
    return { version: record.version }
  },
  async recordErase ({ name, path }) {
    const record = client.record.getRecord(name)
    await record.whenReady()
    await record.setWithAck(path, undefined)
    return { version: record.version }
  },
  async recordGet ({ name }) {
    const record = client.record.getRecord(name)
    await record.whenReady()
    return { data: record.get(), version: record.version }
  },
  async listAdd ({ name, entry }) {
    const list = client.record.getList(name)
    await list.whenReady()
    list.addEntry(entry)
    return list.getEntries()
  },
  async listEntries ({ name }) {
    const list = client.record.getList(name)
    await list.whenReady()
    return list.getEntries()
  },
  async close () {
    client.close()
    return true
  }
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let command
  try {
    command = JSON.parse(line)
  } catch (e) {
    write({ notification: 'bad-command', line })
    return
  }
  try {
    const result = await operations[command.op](command)
    write({ id: command.id, ok: true, result: result === undefined ? null : result })
  } catch (error) {
    write({ id: command.id, ok: false, error: errorText(error) })
  }
}).on('close', () => process.exit(0))
