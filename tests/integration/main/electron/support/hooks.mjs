// Module hooks that send `import 'electron'` to the recording stand-in.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron')
    return { url: new URL('./electronStandIn.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
