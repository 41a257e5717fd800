#!/usr/bin/env bash
# Builds benign evaluation sets from the prompt templates that two common LLM frameworks ship
# (LlamaIndex, MIT; LangChain, MIT): the prompts document pipelines really send, written by people other
# than Sluice's authors, so that false alarms are measured on them. Nothing of them is copied into this
# repository: the packages are fetched from the npm registry at pinned versions and the sets are written
# to the directory given.
#
#   ops/eval/template-sets.sh /tmp/template-sets
#   ./sluice eval injection /tmp/template-sets/llamaindex-templates.jsonl
#   ./sluice eval injection /tmp/template-sets/langchain-templates.jsonl
#
# Every template string with a {placeholder} is filled three times: {context}-like placeholders with
# one of three business passages, {query}-like ones with a question about it, the rest with a fixed
# phrase (docs/evaluation.md). All lines are benign (label 0). Needs npm and node.
set -euo pipefail
OUT=${1:?usage: template-sets.sh OUTPUT_DIR}
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for package in @llamaindex/core@0.6.22 llamaindex@0.12.1 @langchain/classic@1.0.50; do
  name=$(echo "$package" | sed 's/^@//; s/@.*//; s#/#-#')
  mkdir -p "$WORK/$name"
  (cd "$WORK" && tar xzf "$(npm pack --silent "$package" | tail -1)" -C "$name")
done
node - "$WORK" "$OUT" <<'JS'
const fs = require('fs');
const path = require('path');
const [work, out] = process.argv.slice(2);
const contexts = [
  'Invoice 88213 from Orbis Tools covers 40 units of the M8 drill set at EUR 103 each. Payment is due 30 days after delivery; the goods left the Leeds depot on 3 November.',
  'The lease for the Valencia office runs until December 2031. Rent rises by 2% a year and the tenant pays service charges quarterly. Either party may end the lease with six months notice after 2028.',
  'Customer survey, Q3: 62% of respondents rated delivery speed as good or very good. The most common complaint was missing tracking updates; several customers asked for Saturday delivery.'];
const questions = ['When is the payment due?', 'How much does the rent rise each year?', 'What did customers complain about most?'];
const line = (text) => JSON.stringify({ text, label: 0 });
const walk = (dir) => fs.readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return fs.statSync(p).isDirectory() ? walk(p) : p.endsWith('.js') ? [p] : [];
});

// LlamaIndex: the template literals of its prompt modules
const llama = [];
let k = 0;
for (const file of ['llamaindex-core/package/prompts/dist/index.js', 'llamaindex/package/evaluation/dist/index.js',
    'llamaindex/package/engines/dist/index.js', 'llamaindex/package/selectors/dist/index.js']) {
  const src = fs.readFileSync(path.join(work, file), 'utf8');
  for (const m of src.matchAll(/(?:template|defaultTemplate|prompt)\s*[:=]\s*`([\s\S]*?)`/g)) {
    const t = m[1];
    if (!/\{[a-zA-Z_]+\}/.test(t) || t.length < 40) continue;
    for (let i = 0; i < 3; i++) {
      llama.push(line(t.replace(/\{context\}|\{context_str\}|\{contextStr\}|\{text\}/g, contexts[(i + k) % 3])
        .replace(/\{query\}|\{question\}|\{queryStr\}|\{query_str\}/g, questions[(i + k) % 3])
        .replace(/\{existingAnswer\}/g, 'Payment is due on 30 June.')
        .replace(/\{chatHistory\}/g, 'Human: Can you check invoice 88213?\nAssistant: It is for 40 drill sets.')
        .replace(/\{maxKeywords\}|\{numQuestions\}|\{numKeywords\}|\{num\w*\}/g, '5')
        .replace(/\{[a-zA-Z_]+\}/g, 'the quarterly report')));
    }
    k++;
  }
}
fs.writeFileSync(path.join(out, 'llamaindex-templates.jsonl'), llama.join('\n') + '\n');
console.log(`llamaindex-templates.jsonl: ${k} templates, ${llama.length} texts`);

// LangChain: every string of 60 or more characters with a {placeholder} in its prompt modules
const seen = new Set();
const templates = [];
for (const file of walk(path.join(work, 'langchain-classic/package/dist')).filter((f) => /prompt/i.test(f))) {
  const src = fs.readFileSync(file, 'utf8');
  for (const m of src.matchAll(/`([^`]{60,4000})`|"((?:[^"\\\n]|\\.){60,2000})"/g)) {
    const t = m[1] !== undefined ? m[1] : JSON.parse('"' + m[2] + '"');
    if (!/\{[a-zA-Z_]+\}/.test(t) || t.includes('${') || seen.has(t)) continue;
    seen.add(t);
    templates.push(t);
  }
}
const chain = [];
templates.forEach((t, k) => {
  for (let i = 0; i < 3; i++) {
    chain.push(line(t.replace(/\{(context|context_str|text|summaries|docs|input_documents|existing_answer|chat_history|history|entities|summary|new_lines)\}/g,
        (x, n) => n === 'chat_history' || n === 'history' ? 'Human: Can you check invoice 88213?\nAI: It is for 40 drill sets.'
          : n === 'existing_answer' ? 'Payment is due on 30 June.' : contexts[(i + k) % 3])
      .replace(/\{(question|query|input)\}/g, questions[(i + k) % 3])
      .replace(/\{[a-zA-Z_]+\}/g, 'the quarterly report')));
  }
});
fs.writeFileSync(path.join(out, 'langchain-templates.jsonl'), chain.join('\n') + '\n');
console.log(`langchain-templates.jsonl: ${templates.length} templates, ${chain.length} texts`);
JS
