#!/usr/bin/env bash
# Writes the repository's injection sets in disguises that need no tool to write and that people and large models read
# at a glance, for measuring the detector's readers of them (docs/evaluation.md, "Scrambled words, letters set apart and
# text backwards"):
#   -scrambled-all / -scrambled-some: each word of four letters or more (every one, or three in ten) keeps its first and last
#     letters and its inner letters are shuffled ("typoglycemia"); the shuffles are seeded (mulberry32), the same on every run
#   -apart: letters set apart by a space, words by two ("I g n o r e  a l l")
#   -dotted: letters joined by dots, words set apart by a space ("i.g.n.o.r.e a.l.l")
#   -reversed: the whole text written backwards
#   -reversedwords: each word written backwards in place
#   -misspelt: half the words of five letters or more with one letter after the first dropped, added or changed (seeded)
#   -split: half the words of six letters or more split in two by a space (seeded)
#
#   ops/eval/disguised-sets.sh /tmp/disguised-sets
#   ./sluice eval injection /tmp/disguised-sets/attacks-holdout-5-scrambled-all.jsonl
#
# Needs node.
set -euo pipefail
OUT=${1:?usage: disguised-sets.sh OUTPUT_DIR}
mkdir -p "$OUT"
EVAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../src/main/resources/eval" && pwd)"
node - "$EVAL_DIR" "$OUT" <<'JS'
const fs = require('fs');
const path = require('path');
const [evalDir, out] = process.argv.slice(2);
const files = fs.readdirSync(evalDir).filter((f) => /^(attacks-holdout.*|benign-holdout.*|benign-trigger-words|benign-business-dev)\.jsonl$/.test(f)).sort();
// a seeded generator, so the files are the same on every run
const mulberry32 = (start) => {
  let seed = start;
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const words = (text) => text.split(/\s+/).filter((w) => w);
const forms = {
  apart: (text) => words(text).map((w) => w.split('').join(' ')).join('  '),
  dotted: (text) => words(text).map((w) => w.split('').join('.')).join(' '),
  reversed: (text) => text.split('').reverse().join(''),
  reversedwords: (text) => text.replace(/[A-Za-z0-9]+/g, (w) => w.split('').reverse().join('')),
};
for (const [form, write] of Object.entries(forms)) {
  for (const file of files) {
    const lines = fs.readFileSync(path.join(evalDir, file), 'utf8').split('\n').filter((l) => l.trim());
    const written = lines.map((l) => {
      const row = JSON.parse(l);
      row.text = write(row.text);
      return JSON.stringify(row);
    });
    fs.writeFileSync(path.join(out, file.replace('.jsonl', `-${form}.jsonl`)), written.join('\n') + '\n');
  }
}
for (const file of files) {
  const random = mulberry32(11);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const misspell = (word) => {
    const at = 1 + Math.floor(random() * (word.length - 2));
    const kind = Math.floor(random() * 3);
    const letter = letters[Math.floor(random() * 26)];
    if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
    if (kind === 1) return word.slice(0, at) + letter + word.slice(at);
    return word.slice(0, at) + letter + word.slice(at + 1);
  };
  const lines = fs.readFileSync(path.join(evalDir, file), 'utf8').split('\n').filter((l) => l.trim());
  const written = lines.map((l) => {
    const row = JSON.parse(l);
    row.text = row.text.replace(/[A-Za-z]{5,}/g, (w) => (random() < 0.5 ? misspell(w) : w));
    return JSON.stringify(row);
  });
  fs.writeFileSync(path.join(out, file.replace('.jsonl', '-misspelt.jsonl')), written.join('\n') + '\n');
  const split = mulberry32(5);
  const halves = lines.map((l) => {
    const row = JSON.parse(l);
    row.text = row.text.replace(/[A-Za-z]{6,}/g, (w) => {
      if (split() >= 0.5) return w;
      const at = 2 + Math.floor(split() * (w.length - 3));
      return w.slice(0, at) + ' ' + w.slice(at);
    });
    return JSON.stringify(row);
  });
  fs.writeFileSync(path.join(out, file.replace('.jsonl', '-split.jsonl')), halves.join('\n') + '\n');
}
for (const [rate, tag] of [[1.0, 'scrambled-all'], [0.3, 'scrambled-some']]) {
  for (const file of files) {
    const random = mulberry32(7);
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
console.log(`${files.length * 8} files in ${out}`);
JS
