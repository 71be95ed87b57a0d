#!/usr/bin/env node
// Writes expected_ids.jsonl: GPT-2 token ids for varied strings, one {"text", "ids"} per line,
// from the gpt-3-encoder npm package (an independent JavaScript port of GPT-2's encoder).
//
//   mkdir -p /tmp/gpt3enc && cd /tmp/gpt3enc && npm pack gpt-3-encoder@1.1.4 && tar xzf gpt-3-encoder-1.1.4.tgz
//   node make_expected.js /tmp/gpt3enc/package > expected_ids.jsonl
//
// That port runs GPT-2's pattern with JavaScript's \s, which differs from Python `regex`'s (what
// GPT-2 ran) on U+0085 and U+FEFF; check_python_regex.py finds the strings where this matters.
'use strict';

const path = require('path');

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node make_expected.js <unpacked gpt-3-encoder package folder>');
  process.exit(2);
}
const { encode, decode } = require(path.resolve(packageDir, 'Encoder.js'));

const cases = [];
const add = (...texts) => texts.forEach((t) => cases.push(t));

// Edges.
add('', ' ', '  ', '\n', '\t', 'a', 'A', '!', '0', "'", '\u00e9', '\u4e2d', '\u{1F600}');

// English prose.
add(
  'Hello world',
  'Hello, world!',
  'The quick brown fox jumps over the lazy dog.',
  'It was the best of times, it was the worst of times.',
  'This movie was great, I loved every minute of it.',
  'This movie was terrible; the plot made no sense at all.',
  'Prompt tuning learns a few continuous embeddings while the model stays frozen.',
  'Low-rank adaptation (LoRA) adds trainable rank-decomposition matrices.',
  'In 1492, Columbus sailed the ocean blue.',
  'She said, "Don\'t go there." He went anyway.',
  'Mr. Smith and Dr. Jones met at 10 a.m. on Jan. 5th.',
  'e.g. i.e. etc. vs. a.k.a.',
  'Question: What is the capital of France?\nAnswer: Paris',
  'Review: the food was cold.\nSentiment: negative\n\nReview: lovely staff!\nSentiment:',
  "Let's think step by step.",
  'FREE entry in 2 a wkly comp to win FA Cup final tkts 21st May 2005.',
  'ALL CAPS SENTENCE WITH SOME WORDS',
  'camelCaseIdentifier and snake_case_identifier and kebab-case-identifier',
  'supercalifragilisticexpialidocious',
  'pneumonoultramicroscopicsilicovolcanoconiosis',
  'antidisestablishmentarianism is a long word',
  'The the THE tHe',
  'GPT-2 is a large language model released in 2019 by OpenAI.',
  'Once upon a time, there was a little girl named Lily. She liked to play outside.',
  'To be, or not to be, that is the question:\nWhether \'tis nobler in the mind to suffer',
  'A man, a plan, a canal: Panama.',
);

// Code.
add(
  'int main() { return 0; }',
  '#include <iostream>\nint main() {\n    std::cout << "hi\\n";\n}\n',
  'def f(x):\n    return x * 2\n',
  'def f(x):\n\treturn x ** 2\n',
  'for (int i = 0; i < n; ++i) {\n        sum += a[i];\n    }',
  'const x = [1, 2, 3].map((v) => v * 2);',
  'if (a && b || !c) { x->y = z; }',
  '    indented four\n        indented eight\n',
  '\tone tab\n\t\ttwo tabs\n',
  'SELECT name, COUNT(*) FROM runs WHERE status = \'done\' GROUP BY name;',
  '{"text": "hello", "ids": [1, 2, 3], "ok": true, "n": null}',
  '<html><body><p class="x">Hi</p></body></html>',
  'x = y+z; y -= 3; z *= 4; w /= 5; v %= 6; u **= 7;',
  'a==b!=c<=d>=e<<f>>g',
  'std::vector<std::string_view> pieces;',
  'https://example.com/path/to/page?query=1&other=two#fragment',
  'user.name+tag@example.co.uk',
  'C:\\Users\\me\\Documents\\file.txt',
  '/usr/local/bin/python3 -m pip install --upgrade pip',
  '$ echo "$HOME" | grep -v \'^#\' > out.txt 2>&1',
  '// comment\n/* block\n   comment */',
  '# Heading\n\n* item one\n* item two\n\n```\ncode\n```\n',
  '| a | b |\n|---|---|\n| 1 | 2 |',
);

// Numbers.
add(
  '0 1 2 3 4 5 6 7 8 9',
  '10 100 1000 10000 100000 1000000',
  '1234567890123456789012345678901234567890',
  '3.14159265358979',
  '-42',
  '+1 (555) 123-4567',
  '1,000,000.00',
  '2024-01-31T12:34:56Z',
  '12:30pm',
  '0x1F 0b1010 0o777',
  '1e10 2.5E-3',
  '50% off, $19.99, \u20ac5, \u00a33, \u00a5100',
  'v1.2.3-beta+build.42',
  'Room 101, floor 7, building 3B',
  '\u0661\u0662\u0663 \u0967\u0968\u0969 \u0e51\u0e52\u0e53',
  '\u2160 \u2161 \u216b',
  '\u00bd \u00bc \u00be \u2153',
  'x\u00b2 + y\u00b3 = z\u2074',
  'H\u2082O and CO\u2082',
  '\u2460\u2461\u2462',
  '\uff11\uff12\uff13',
  '123abc456def',
  'abc123',
  '1st 2nd 3rd 4th',
  '007',
);

// Letters of many scripts.
add(
  '\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5',
  '\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!',
  '\u041c\u043e\u0441\u043a\u0432\u0430 \u2014 \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438.',
  '\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645',
  '\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd',
  '\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e',
  '\u0938\u0902\u0938\u094d\u0915\u0943\u0924\u092e\u094d',
  '\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e0a\u0e32\u0e27\u0e42\u0e25\u0e01',
  '\uc548\ub155\ud558\uc138\uc694 \uc138\uacc4',
  '\u3053\u3093\u306b\u3061\u306f\u4e16\u754c',
  '\u30ab\u30bf\u30ab\u30ca \u3072\u3089\u304c\u306a \u6f22\u5b57',
  '\u4f60\u597d\uff0c\u4e16\u754c\uff01',
  '\u6211\u7231\u5317\u4eac\u5929\u5b89\u95e8',
  '\u4e2d\u6587\u548cEnglish\u6df7\u5408',
  '\u10d2\u10d0\u10db\u10d0\u10e0\u10ef\u10dd\u10d1\u10d0',
  '\u0532\u0561\u0580\u0565\u0582 \u0561\u0577\u056d\u0561\u0580\u0570',
  '\u1230\u120b\u121d',
  '\u0baa\u0bcb\u0b95\u0bbf\u0bb1\u0bc7\u0ba9\u0bcd',
  '\u09ac\u09be\u0982\u09b2\u09be',
  '\u0f56\u0f7c\u0f51\u0f0b\u0f61\u0f72\u0f42',
  '\u1780\u1798\u17d2\u1796\u17bb\u1787\u17b6',
  '\u13e3\u13b3\u13a9',
  'Tiếng Việt có dấu',
  '\u0130stanbul \u0131\u015f\u0131k',
  '\u00dfstra\u00dfe STRASSE',
  '\u01c5 \u01c8 \u01cb',
  '\u02b0\u02b2 \u02e0',
  'abc\u0430\u0431\u0432',
  '\u{10330}\u{10331}\u{10332}',
  '\u{1D400}\u{1D401}\u{1D402}',
  '\u{20000}\u{20001}',
);

// Accents, precomposed and combining.
add(
  'caf\u00e9',
  'cafe\u0301',
  'na\u00efve r\u00e9sum\u00e9 fa\u00e7ade',
  'Z\u00fcrich M\u00fcnchen K\u00f6ln',
  'S\u00e3o Paulo',
  '\u00c5ngstr\u00f6m',
  'crème brûlée',
  'Dvořák Škoda',
  'Ærøskøbing',
  'a\u0300\u0301\u0302\u0303\u0304',
  'e\u0301 e\u0301e\u0301',
  ' \u0301',
  '\u0301\u0301\u0301',
  'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA',
);

// Emoji.
add(
  '\u{1F600}\u{1F603}\u{1F604}',
  'I love it \u2764\ufe0f',
  '\u{1F44D}\u{1F3FD}',
  '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}',
  '\u{1F3F3}\ufe0f\u200d\u{1F308}',
  '\u{1F1FA}\u{1F1F8}\u{1F1EF}\u{1F1F5}',
  '1\ufe0f\u20e3 #\ufe0f\u20e3',
  '\u{1F9D1}\u200d\u{1F4BB} coding',
  'ok \u{1F44C} thanks \u{1F64F}!',
  '\u{1F525}\u{1F525}\u{1F525}',
  'emoji\u{1F600}inside\u{1F600}words',
  '\u2603 \u2600 \u2601',
  '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
);

// Whitespace.
add(
  'a b',
  'a  b',
  'a   b',
  'a    b',
  'a\tb',
  'a\t\tb',
  'a\nb',
  'a\n\nb',
  'a\n\n\nb',
  'a\r\nb',
  'a \nb',
  'a\n b',
  'a \n b',
  'a\t b',
  'a \tb',
  ' \t\n x',
  '  leading two',
  '   leading three',
  ' leading one',
  'trailing one ',
  'trailing two  ',
  'trailing newline\n',
  'trailing newlines\n\n\n',
  '\n\nleading newlines',
  '\t\tleading tabs',
  '    ',
  '\n\n',
  '\t \t \t',
  ' \n \n ',
  'x \u00a0y',
  'x\u00a0y',
  'x\u00a0\u00a0y',
  'x\u3000y',
  'x\u2003y',
  'x\u2009y',
  'x\u202fy',
  'x\u1680y',
  'x\u2028y',
  'x\u2029y',
  'x\u205fy',
  'x \u2003 y',
  'x\u000by\u000cz',
  'x\u200by',
  'x\u180ey',
  'x\u0085y',
  'x \u0085 y',
  'x\ufeffy',
  '\ufeffBOM at start',
  'x \ufeff y',
  // U+0085 is \s for Python's regex but not for JavaScript; U+FEFF the other way round.
  'wait...\ufeff',
  '\ufeff\ufeff\ufeff',
  'x\n\ufeffy',
  '\ufeff\n',
  'end.\u0085',
  'a\u0085\u0085b',
  'x\u0085\ny',
  'hello!\u0085\u0085',
  '\u0085 word',
  'a \u0085b',
  'a \ufeffb',
  'text \ufeff',
  'one. \u0085two',
  'end with nbsp\u00a0',
  'word  \n  word',
  'multiple   spaces   between   words',
  'line one\nline two\nline three',
  'para one.\n\npara two.\n\n\npara three.',
);

// Contractions and apostrophes.
add(
  "'s 't 're 've 'm 'll 'd",
  "'S 'T 'RE 'VE 'M 'LL 'D",
  "'Re 'Ve 'Ll 'rE 'vE 'lL",
  "I'm you're they've we'll he'd it's don't",
  "I'M YOU'RE THEY'VE WE'LL HE'D IT'S DON'T",
  "It'S You'Re They'Ve",
  "the dog's bone, the dogs' bones",
  "can't won't shouldn't wouldn't couldn't",
  "y'all ma'am o'clock rock'n'roll",
  "'sup 'tis 'twas 'em 'll 'lls 'dd",
  "''s '''t",
  "' s ' t",
  "Don’t use curly apostrophes’s",
  "``quoted'' text",
  "'hello'",
  "\"'s\"",
  "x's y't z're",
  "1's 2't",
  "\u00e9's \u4e2d's",
  " 's",
  "  's",
  "word 'd",
);

// Punctuation and symbols.
add(
  '!!!',
  '???!!!',
  '...',
  '\u2026',
  '---',
  '\u2014 \u2013',
  '***',
  '<<>>',
  '<|endoftext|>',
  'text<|endoftext|>more text',
  '@user #hashtag $CASH %pct ^caret &amp; *star',
  '(parenthetical) [brackets] {braces}',
  'a.b.c',
  'hello,world',
  'Wait... what?!',
  ':) :( :D ;) <3',
  '\u00a9 \u00ae \u2122 \u00a7 \u00b6',
  '\u2192 \u2190 \u2191 \u2193 \u21d2',
  '\u2200x \u2203y: x \u2264 y \u2227 y \u2260 0',
  '\u00ab\u00bb \u201c\u201d \u2018\u2019 \u201e',
  '~`!@#$%^&*()_+-={}|[]\\:";\'<>?,./',
  '__init__',
  '_private _ __',
  '////////',
  '================',
  '!@#$%^&*()!@#$%^&*()',
  ' !!!',
  ' ... ',
  '\u3002\u3001\uff01\uff1f',
);

// Control characters and unusual code points.
add(
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  '\u001b[31mred\u001b[0m',
  '\u007f',
  '\u001c\u001d\u001e\u001f',
  'a\u001cb',
  '\u0080\u0081\u009f',
  '\u00ad soft hyphen',
  '\ue000 private use',
  '\ufffd replacement',
  '\uffff',
  '\u{10FFFF}',
);

// Repetition, which stresses merge order.
add(
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'ababababababababababab',
  'abcabcabcabcabcabc',
  '1111111111111111111111',
  '121212121212121212',
  '....................',
  '!?!?!?!?!?!?',
  '\u{1F600}'.repeat(12),
  '\u4e2d'.repeat(15),
  'na'.repeat(16) + ' batman',
  'the '.repeat(20),
  ' '.repeat(33) + 'x',
  '\n'.repeat(10) + 'x',
  'hmmmmmmmmmmmmmmmm',
  'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
);

// Systematic combinations: each separator between two words, each contraction after a word in
// three casings, numbers of every length up to 12.
const separators = [' ', '  ', '\t', '\n', ' \n', '\n ', '\u00a0', '\u3000', ', ', '. ', '-', '_', '/', "'", '"'];
for (const sep of separators) add('Hello' + sep + 'World');
for (const c of ['s', 't', 're', 've', 'm', 'll', 'd']) {
  add("word'" + c, "Word'" + c.toUpperCase(), "WORD'" + c + ' next');
}
for (let n = 1; n <= 12; ++n) add('1234567890123'.slice(0, n), ' ' + '9876543210987'.slice(0, n));
const words = ['tokenizer', 'embedding', 'Transformer', 'ümlaut', 'naïveté', 'Δelta', 'числа', '東京', '2048', '3.5'];
for (const w of words) {
  add(w, ' ' + w, w + ' ', w + w);
  if (w.toUpperCase() !== w) add(w.toUpperCase());
}

// A longer passage with everything mixed.
add(
  'Chapter 1\n\n' +
    "\"Where's the station?\" asked Zoë, pointing at the map. The driver shrugged: 'Dunno, mate.'\n" +
    'They walked 3.5 km (about 2.2 mi) past the caf\u00e9, the \u00e9glise and the \u65e5\u672c\u5e97.\n' +
    '\tPrices: \u20ac12.50, $13.99, \u00a510,000 \u2014 all "reasonable".\n' +
    'She texted: "omw \u{1F697}\u{1F4A8} c u @ 5pm!!!" and then\u00a0nothing   more.\n',
);

const seen = new Set();
for (const text of cases) {
  if (seen.has(text)) throw new Error('duplicate case: ' + JSON.stringify(text));
  seen.add(text);
  const ids = encode(text);
  // The package decodes with a TextDecoder, which drops a leading byte-order mark.
  const back = decode(ids);
  if (back !== text && !(text.startsWith('\ufeff') && back === text.slice(1))) {
    throw new Error('gpt-3-encoder does not round-trip ' + JSON.stringify(text));
  }
  process.stdout.write(JSON.stringify({ text, ids }) + '\n');
}
console.error(`${cases.length} cases`);
