// MathJax (TeX to SVG), loaded the first time a formula is shown. Only the server's LaTeX
// (produced from a parsed formula) is typeset, and the result is inserted as a DOM node:
// no HTML string is ever parsed.
let loading = null;

export function mathJax() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      window.MathJax = {
        startup: { typeset: false },
        // Nothing beyond plain TeX and AMS: no \href or \class (html), no loading of extensions.
        tex: { packages: { '[-]': ['html', 'require', 'autoload'] } },
        options: { enableMenu: false },
        svg: { fontCache: 'global' },
      };
      const script = document.createElement('script');
      script.src = '/webjars/mathjax/${mathjax.version}/es5/tex-svg.js';
      script.async = true;
      script.onload = () => window.MathJax.startup.promise.then(() => resolve(window.MathJax), reject);
      script.onerror = () => reject(new Error('MathJax did not load'));
      document.head.appendChild(script);
    });
  }
  return loading;
}

/** Renders TeX into the element, replacing its children (its text stays as the fallback on failure). */
export async function typeset(element, tex, display) {
  const jax = await mathJax();
  const node = await jax.tex2svgPromise(tex, { display: !!display });
  element.replaceChildren(node);
}
