#!/usr/bin/env bash
# Writes the repository's injection sets with their words scrambled ("typoglycemia": each word of four letters or more
# keeps its first and last letters, and its inner letters are shuffled; people and large models read it at a glance), for
# measuring the detector's reading of scrambled words (docs/evaluation.md, "Scrambled words"). The shuffles are seeded
# (mulberry32), so the files are the same on every run. Two rates: every word ("-all") and three words in ten ("-some").
#
#   ops/eval/scrambled-sets.sh /tmp/scrambled-sets
#   ./sluice eval injection /tmp/scrambled-sets/attacks-holdout-5-all.jsonl
#
# Needs node.
set -euo pipefail
OUT=${1:?usage: scrambled-sets.sh OUTPUT_DIR}
mkdir -p "$OUT"
EVAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../src/main/resources/eval" && pwd)"
node - "$EVAL_DIR" "$OUT" <<'JS'
const fs = require('fs');
const path = require('path');
const [evalDir, out] = process.argv.slice(2);
const files = fs.readdirSync(evalDir).filter((f) => /^(attacks-holdout.*|benign-holdout.*|benign-trigger-words|benign-business-dev)\.jsonl$/.test(f)).sort();
for (const [rate, tag] of [[1.0, 'all'], [0.3, 'some']]) {
  for (const file of files) {
    let seed = 7;
    const random = () => { // mulberry32
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const scramble = (word) => {
      const inner = word.slice(1, -1).split('');
      for (let i = inner.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [inner[i], inner[j]] = [inner[j], inner[i]];
      }
      return word[0] + inner.join('') + word[word.length - 1];
    };
    const lines = fs.readFileSync(path.join(evalDir, file), 'utf8').split('\n').filter((l) => l.trim());
    const written = lines.map((l) => {
      const row = JSON.parse(l);
      row.text = row.text.replace(/[A-Za-z]{4,}/g, (w) => (random() < rate ? scramble(w) : w));
      return JSON.stringify(row);
    });
    const name = file.replace('.jsonl', `-${tag}.jsonl`);
    fs.writeFileSync(path.join(out, name), written.join('\n') + '\n');
  }
}
console.log(`${files.length * 2} files in ${out}`);
JS
