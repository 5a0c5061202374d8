// Only for ES-module packages under node_modules during tests (see jest.config.js).

/** Some ESM packages declare `const require = createRequire(import.meta.url)`; renamed so the CommonJS output's own require stays intact. */
function renameLocalRequire() {
  return {
    visitor: {
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '__esmLocalRequire');
      },
    },
  };
}

module.exports = {
  babelrc: false,
  plugins: [
    renameLocalRequire,
    'babel-plugin-transform-import-meta',
    '@babel/plugin-transform-dynamic-import',
    '@babel/plugin-transform-modules-commonjs',
  ],
};
