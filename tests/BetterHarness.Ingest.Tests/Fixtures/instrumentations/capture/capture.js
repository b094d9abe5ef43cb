// Records what real, unmodified OpenTelemetry instrumentations of the official `openai` SDK export.
//
//   npm ci && node capture.js [name…]    # writes ../<instrumentation>/NN-<signal>.pb (default: every instrumentation)
//
// Each instrumentation runs in its own Node process (instrumentations patch the SDK module globally): a
// small travel agent calls a fake Chat Completions server on loopback with scripted replies (a tool call,
// its result, answers, a user correction), exports with the OTel JS SDK over OTLP/HTTP protobuf, and a
// capture server on loopback writes every request body exactly as received. Nothing leaves the machine.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const INSTRUMENTATIONS = ['openinference', 'openllmetry', 'openllmetry-legacy', 'otel-genai'];
const SYSTEM = 'You are a travel assistant for Nordic Air. Look flights up with search_flights before answering.';

// Conversation scripts: what the user says (in order) and what the fake model answers (in order).
const CONVERSATIONS = {
  healthy: {
    users: ['Find me a flight from Oslo to Berlin on May 3.', 'Does that fare include a checked bag?'],
    replies: [
      { tool: 'search_flights', args: { origin: 'OSL', destination: 'BER', date: '2026-05-03' } },
      { text: 'DY1102 leaves Oslo at 08:10 on May 3 and arrives in Berlin at 10:05; the fare is 129 EUR.' },
      { text: 'Yes: the 129 EUR fare includes one checked bag of up to 23 kg.' },
    ],
  },
  correction: {
    users: ['I need a flight from Oslo to Bergen on June 12.', 'No, I meant Bergen, not Berlin. Please search again.'],
    replies: [
      { tool: 'search_flights', args: { origin: 'OSL', destination: 'BER', date: '2026-06-12' } },
      { text: 'DY1104 flies from Oslo to Berlin at 07:00 on June 12 for 139 EUR.' },
      { tool: 'search_flights', args: { origin: 'OSL', destination: 'BGO', date: '2026-06-12' } },
      { text: 'Sorry about that. WF512 flies from Oslo to Bergen at 09:30 on June 12 for 89 EUR.' },
    ],
  },
};

const FLIGHTS = {
  'BER 2026-05-03': { flights: [{ flight: 'DY1102', departs: '08:10', price_eur: 129 }] },
  'BER 2026-06-12': { flights: [{ flight: 'DY1104', departs: '07:00', price_eur: 139 }] },
  'BGO 2026-06-12': { flights: [{ flight: 'WF512', departs: '09:30', price_eur: 89 }] },
};

const TOOLS = [{
  type: 'function',
  function: {
    name: 'search_flights',
    description: 'Search flights between two airports on a date.',
    parameters: {
      type: 'object',
      properties: { origin: { type: 'string' }, destination: { type: 'string' }, date: { type: 'string' } },
      required: ['origin', 'destination', 'date'],
    },
  },
}];

if (process.argv[2] === 'agent') {
  runAgent(process.argv[3], Number(process.argv[4]), Number(process.argv[5])).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

async function main() {
  const fixtures = path.resolve(__dirname, '..');
  const model = await listen(fakeChatCompletions);
  const selected = process.argv.slice(2);
  for (const name of selected.length > 0 ? selected : INSTRUMENTATIONS) {
    const out = path.join(fixtures, name);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    let sequence = 0;
    const collector = await listen((req, res, body) => {
      const signal = req.url.replace(/^\/v1\//, '');
      const file = `${String(++sequence).padStart(2, '0')}-${signal}.pb`;
      fs.writeFileSync(path.join(out, file), body);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
    await run(process.execPath, [__filename, 'agent', name, model.port, collector.port]);
    collector.server.close();
    console.log(`${name}: ${sequence} request bodies in ${path.relative(process.cwd(), out)}`);
  }
  model.server.close();
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args[2]} exited with ${code}`))));
  });
}

function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => handler(req, res, Buffer.concat(chunks)));
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

// The scripted model: which conversation is told by the first user message; the reply by how many
// assistant turns the request already holds.
function fakeChatCompletions(req, res, body) {
  const request = JSON.parse(body.toString('utf8'));
  const firstUser = request.messages.find((m) => m.role === 'user').content;
  const script = Object.values(CONVERSATIONS).find((c) => c.users[0] === firstUser);
  const turn = request.messages.filter((m) => m.role === 'assistant').length;
  const reply = script.replies[turn];
  const message = reply.tool
    ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}_${reply.args.destination}`, type: 'function', function: { name: reply.tool, arguments: JSON.stringify(reply.args) } }] }
    : { role: 'assistant', content: reply.text };
  const completion = {
    id: `chatcmpl-${turn}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message, finish_reason: reply.tool ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { prompt_tokens: 40 + 20 * request.messages.length, completion_tokens: 18, total_tokens: 58 + 20 * request.messages.length },
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(completion));
}

// ---- the agent, in its own process ----

async function runAgent(name, modelPort, collectorPort) {
  const api = require('@opentelemetry/api');
  const { logs } = require('@opentelemetry/api-logs');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { resourceFromAttributes } = require('@opentelemetry/resources');
  const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
  const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
  const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-proto');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation');

  const resource = resourceFromAttributes({ 'service.name': `travel-agent-${name}` });
  const collector = `http://127.0.0.1:${collectorPort}`;
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${collector}/v1/traces` }))],
  });
  api.trace.setGlobalTracerProvider(tracerProvider);
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${collector}/v1/logs` }) })],
  });
  logs.setGlobalLoggerProvider(loggerProvider);

  const instrumentation = createInstrumentation(name);
  registerInstrumentations({ instrumentations: [instrumentation] });
  // The current packages patch `require('openai')` (6.x) through the require hook. The legacy OpenLLMetry
  // release only supports openai 4.x/5.x, installed here under an alias the hook does not see, so it is
  // instrumented the way its README documents for that case: manuallyInstrument(OpenAI).
  const legacy = name === 'openllmetry-legacy';
  const openaiModule = require(legacy ? 'openai-v4' : 'openai');
  if (legacy) instrumentation.manuallyInstrument(openaiModule.OpenAI);
  const client = new openaiModule.OpenAI({ apiKey: 'sk-test', baseURL: `http://127.0.0.1:${modelPort}/v1` });

  const tracer = api.trace.getTracer('travel-agent');
  for (const [conversation, script] of Object.entries(CONVERSATIONS)) {
    await tracer.startActiveSpan(`agent ${conversation}`, async (span) => {
      await converse(client, script);
      span.end();
    });
  }
  await tracerProvider.forceFlush();
  await loggerProvider.forceFlush();
  await tracerProvider.shutdown();
  await loggerProvider.shutdown();
}

function createInstrumentation(name) {
  switch (name) {
    case 'openinference':
      return new (require('@arizeai/openinference-instrumentation-openai').OpenAIInstrumentation)();
    case 'openllmetry':
      return new (require('@traceloop/instrumentation-openai').OpenAIInstrumentation)({ enrichTokens: false });
    case 'openllmetry-legacy':
      return new (require('traceloop-instrumentation-openai-legacy').OpenAIInstrumentation)({ enrichTokens: false });
    case 'otel-genai':
      return new (require('@opentelemetry/instrumentation-openai').OpenAIInstrumentation)({ captureMessageContent: true });
    default:
      throw new Error(`unknown instrumentation ${name}`);
  }
}

// A plain tool-calling loop, as agents built directly on the SDK write it.
async function converse(client, script) {
  const messages = [{ role: 'system', content: SYSTEM }];
  for (const user of script.users) {
    messages.push({ role: 'user', content: user });
    for (;;) {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: TOOLS });
      const message = completion.choices[0].message;
      messages.push(message);
      if (!message.tool_calls || message.tool_calls.length === 0) break;
      for (const call of message.tool_calls) {
        const args = JSON.parse(call.function.arguments);
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(FLIGHTS[`${args.destination} ${args.date}`]) });
      }
    }
  }
}
