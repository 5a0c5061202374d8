const fs = require('node:fs');
const path = require('node:path');

/** transformIgnorePatterns entry that lets babel-jest compile every package declaring "type": "module". */
function esmPackagePattern(root = path.join(__dirname, '..', '..', 'node_modules')) {
  const names = [];
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const candidates = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((s) => `${entry}/${s}`) : [entry];
    for (const name of candidates) {
      try {
        if (JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8')).type === 'module') names.push(name);
      } catch {
        // not a package folder
      }
    }
  }
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return `/node_modules/(?!(${escaped.join('|')})/)`;
}

module.exports = { esmPackagePattern };
