/// The look of a site when the content folder brings none of its own: a page template, an index
/// template and a stylesheet. A site overrides any of them with files in `Content/_theme/`
/// (`page.html`, `index.html`, `style.css`), no recompiling needed.
public enum DefaultTheme {
  /// The template of a document's page.
  public static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}{{#course}} · {{course}}{{/course}}</title>
    <link rel="stylesheet" href="{{root}}style.css">
    </head>
    <body>
    <header class="page-header">
    <p class="crumbs"><a href="{{root}}index.html">{{#site}}{{site}}{{/site}}{{^site}}All documents{{/site}}</a>{{#course}} · {{course}}{{/course}}</p>
    {{#showTitle}}<h1 class="title">{{title}}</h1>{{/showTitle}}
    {{#byline}}<p class="byline">{{#author}}<span class="author">{{author}}</span>{{/author}}{{#due}} <span class="due">Due {{due}}</span>{{/due}}</p>{{/byline}}
    {{{summary}}}
    </header>
    {{#toc}}<nav class="toc" aria-label="Contents">
    <h2 class="toc-title">Contents</h2>
    <ol>
    {{#entries}}<li class="toc-level-{{level}}"><a href="#{{id}}">{{{html}}}</a>{{{badge}}}</li>
    {{/entries}}</ol>
    </nav>{{/toc}}
    <main class="document">
    {{{body}}}
    </main>
    <footer class="page-footer"><p>Built by hw from <code>{{source}}</code>.</p></footer>
    </body>
    </html>

    """

  /// The template of the site's index page.
  public static let index = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{site}}</title>
    <link rel="stylesheet" href="style.css">
    </head>
    <body>
    <header class="page-header">
    <h1 class="title">{{site}}</h1>
    </header>
    <main class="document">
    <ul class="document-list">
    {{#pages}}<li><a class="document-title" href="{{href}}">{{title}}</a>
    <p class="meta">{{#course}}<span>{{course}}</span>{{/course}}{{#author}}<span>{{author}}</span>{{/author}}{{#due}}<span>Due {{due}}</span>{{/due}}</p>
    {{{summary}}}</li>
    {{/pages}}</ul>
    </main>
    </body>
    </html>

    """

  /// The stylesheet: light and dark, readable on a phone, and a print layout.
  public static let stylesheet = """
    :root {
      color-scheme: light dark;
      --text: #1d1d1f; --muted: #5f6368; --background: #ffffff; --surface: #f5f6f8;
      --border: #d9dce1; --accent: #0b5cad; --pass: #17703a; --fail: #b3261e; --none: #6b6f76;
      --code-keyword: #9b2393; --code-type: #0b4f79; --code-string: #c41a16;
      --code-number: #1c00cf; --code-comment: #5d6c79; --code-attribute: #815f03;
      --measure: 46rem;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6e6e6; --muted: #a0a4ab; --background: #16181c; --surface: #1f2329;
        --border: #343a42; --accent: #7cb8ff; --pass: #5fd38d; --fail: #ff8a80; --none: #a0a4ab;
        --code-keyword: #ff7ab2; --code-type: #6bdfff; --code-string: #ff8170;
        --code-number: #d9c97c; --code-comment: #8a99a6; --code-attribute: #ffa14f;
      }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: var(--measure);
      font: 1.0625rem/1.6 "Latin Modern Roman", "Iowan Old Style", Georgia, serif;
      color: var(--text); background: var(--background);
    }
    a { color: var(--accent); }
    h1, h2, h3, h4 { line-height: 1.25; margin: 1.8em 0 0.6em; }
    h1.title { margin-top: 0.2em; font-size: 2rem; }
    .crumbs, .byline, .page-footer { color: var(--muted); font-size: 0.9rem; }
    .byline .due::before { content: "· "; }
    .byline .due:first-child::before { content: none; }
    pre, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
    pre { background: var(--surface); border: 1px solid var(--border); border-radius: 6px;
      padding: 0.75rem 0.9rem; overflow-x: auto; line-height: 1.45; }
    :not(pre) > code { background: var(--surface); padding: 0.1em 0.3em; border-radius: 3px; }
    blockquote { margin: 1em 0; padding: 0 1em; border-left: 3px solid var(--border); color: var(--muted); }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--border); padding: 0.25em 0.6em; text-align: right; }
    img, svg { max-width: 100%; height: auto; }
    .toc { background: var(--surface); border: 1px solid var(--border); border-radius: 6px;
      padding: 0.6rem 1rem; margin: 1.5rem 0; font-size: 0.95rem; }
    .toc-title { font-size: 1rem; margin: 0.2em 0 0.4em; }
    .toc ol { list-style: none; margin: 0; padding: 0; }
    .toc-level-3 { padding-left: 1.2em; } .toc-level-4, .toc-level-5, .toc-level-6 { padding-left: 2.4em; }
    .document-list { list-style: none; padding: 0; }
    .document-list li { margin: 0.8em 0; padding: 0.8rem 1rem; border: 1px solid var(--border);
      border-radius: 6px; background: var(--surface); }
    .document-title { font-size: 1.2rem; font-weight: 600; }
    .document-list .meta { margin: 0.2em 0 0.5em; color: var(--muted); font-size: 0.9rem; }
    .document-list .meta span + span::before { content: " · "; }
    .math-display { overflow-x: auto; overflow-y: hidden; margin: 0.8em 0; }
    .math-source { font-family: ui-monospace, monospace; font-size: 0.9em; }
    .kw { color: var(--code-keyword); } .ty { color: var(--code-type); }
    .st { color: var(--code-string); } .nu { color: var(--code-number); }
    .co { color: var(--code-comment); font-style: italic; } .at { color: var(--code-attribute); }
    @media (max-width: 40rem) {
      body { padding: 1rem 0.75rem 2rem; font-size: 1rem; }
      h1.title { font-size: 1.6rem; }
      pre { margin-left: -0.75rem; margin-right: -0.75rem; border-radius: 0; border-left: 0; border-right: 0; }
    }
    @media print {
      :root { --text: #000; --muted: #333; --background: #fff; --surface: #fff; --border: #999;
        --accent: #000; color-scheme: light; }
      body { max-width: none; padding: 0; font-size: 11pt; }
      .toc, .page-footer { display: none; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; }
      pre, figure { break-inside: avoid; }
      a { text-decoration: none; }
      h1, h2, h3 { break-after: avoid; }
    }

    """
}
