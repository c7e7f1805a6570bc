import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Block, Run } from './blocks';
import type { Manuscript } from './manuscript';

// XML 1.0 forbids most control characters: they are dropped, not escaped.
const escapeXml = (text: string) =>
  text
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function inline(runs: Run[]): string {
  return runs
    .map((run) => {
      let html = escapeXml(run.text).replaceAll('\n', '<br/>');
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.underline) html = `<span class="u">${html}</span>`;
      if (run.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join('');
}

function blocksHtml(blocks: Block[]): string {
  const out: string[] = [];
  let list: { tag: 'ul' | 'ol'; depth: number } | null = null;
  const closeList = () => {
    if (list) out.push(`</${list.tag}>`);
    list = null;
  };
  for (const block of blocks) {
    if (block.kind === 'item') {
      const tag = block.ordered ? 'ol' : 'ul';
      if (!list || list.tag !== tag) {
        closeList();
        out.push(`<${tag}>`);
        list = { tag, depth: block.depth };
      }
      out.push(`<li class="depth-${Math.min(block.depth, 5)}">${inline(block.runs)}</li>`);
      continue;
    }
    closeList();
    if (block.kind === 'scene-break') out.push('<p class="scene-break" role="separator">#</p>');
    else if (block.kind === 'heading') out.push(`<h${Math.min(6, Math.max(2, block.level))}>${inline(block.runs)}</h${Math.min(6, Math.max(2, block.level))}>`);
    else if (block.kind === 'quote') out.push(`<blockquote><p>${inline(block.runs)}</p></blockquote>`);
    else out.push(`<p>${inline(block.runs)}</p>`);
  }
  closeList();
  return out.join('\n');
}

const page = (title: string, body: string, type = '') => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
<head><meta charset="UTF-8"/><title>${escapeXml(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body${type}>
${body}
</body>
</html>
`;

const STYLE = `body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1 { text-align: center; margin: 3em 0 2em; font-weight: normal; }
p { margin: 0; text-indent: 1.5em; }
h1 + p, .scene-break + p { text-indent: 0; }
.scene-break { text-align: center; text-indent: 0; margin: 1em 0; }
.title-page { text-align: center; margin-top: 30%; }
.title-page p { text-indent: 0; }
.u { text-decoration: underline; }
`;

/**
 * EPUB 3: the mimetype entry first and stored (readers sniff it), a package document with
 * the book's metadata, a navigation document as its table of contents, a title page, and
 * one XHTML file per chapter.
 */
export function toEpub(book: Manuscript, modified: Date, onChapter: (done: number) => void = () => {}): Uint8Array {
  const chapters = book.chapters.map((chapter, i) => {
    const file = `chapter-${String(i + 1).padStart(3, '0')}.xhtml`;
    const html = page(chapter.title, `<section epub:type="chapter" aria-labelledby="h">\n<h1 id="h">${escapeXml(chapter.title)}</h1>\n${blocksHtml(chapter.blocks)}\n</section>`);
    onChapter(i + 1);
    return { id: `chapter-${i + 1}`, file, title: chapter.title, html };
  });
  const author = book.author.name;
  const stamp = modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:${book.id}</dc:identifier>
    <dc:title>${escapeXml(book.title)}</dc:title>
    <dc:language>en</dc:language>
    ${author ? `<dc:creator>${escapeXml(author)}</dc:creator>` : ''}
    <meta property="dcterms:modified">${stamp}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="style" href="style.css" media-type="text/css"/>
    <item id="title-page" href="title.xhtml" media-type="application/xhtml+xml"/>
${chapters.map((c) => `    <item id="${c.id}" href="${c.file}" media-type="application/xhtml+xml"/>`).join('\n')}
  </manifest>
  <spine>
    <itemref idref="title-page"/>
    <itemref idref="nav" linear="no"/>
${chapters.map((c) => `    <itemref idref="${c.id}"/>`).join('\n')}
  </spine>
</package>
`;
  const nav = page(
    'Contents',
    `<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n${chapters.map((c) => `<li><a href="${c.file}">${escapeXml(c.title)}</a></li>`).join('\n')}\n</ol>\n</nav>`,
  );
  const titlePage = page(
    book.title,
    `<section epub:type="titlepage" class="title-page">\n<h1>${escapeXml(book.title)}</h1>\n${author ? `<p>by ${escapeXml(author)}</p>` : ''}\n</section>`,
  );
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`),
    'EPUB/package.opf': strToU8(opf),
    'EPUB/nav.xhtml': strToU8(nav),
    'EPUB/title.xhtml': strToU8(titlePage),
    'EPUB/style.css': strToU8(STYLE),
  };
  for (const c of chapters) files[`EPUB/${c.file}`] = strToU8(c.html);
  // fflate writes entries in insertion order: mimetype stays first.
  return zipSync(files, { level: 6, mtime: modified });
}
