// Tells the site's owner (in the console, never the shopper) when the site is
// served from another address than mkdocs.yml's site_url says.
//
// Material's instant navigation, which keeps the calculators' one worker for
// the whole visit, follows only links that sitemap.xml lists, and MkDocs
// writes those (and each page's <link rel="canonical">) from site_url. Served
// elsewhere, every link loads a whole new page and starts Python again.

let checked = false; // site_url is the same for every page: once a visit is enough

const withoutIndex = (url) => url.origin + url.pathname.replace(/index\.html$/, "");

export function checkSiteAddress() {
  if (checked || location.protocol === "file:") return; // Material turns it off there anyway
  checked = true;
  const config = document.getElementById("__config");
  if (!config) return; // not one of Material's pages
  const root = new URL(`${JSON.parse(config.textContent).base}/`, location.href).href;
  const canonical = document.querySelector('link[rel="canonical"]');
  if (canonical && withoutIndex(new URL(canonical.href)) === withoutIndex(location)) return;
  console.warn(
    `Help center: this site is served at ${root}, but mkdocs.yml's site_url says ` +
      `${canonical ? `otherwise (this page's address there is ${canonical.href})` : "nothing"}, ` +
      "so every link reloads the page (and the calculators with it) instead of " +
      `navigating instantly. Set \`site_url: ${root}\` in mkdocs.yml and build again.`,
  );
}
