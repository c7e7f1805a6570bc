import { createElement, Fragment, type ReactNode } from 'react';
import { markdown, type MdNode } from './markdown';

const render = (node: MdNode, key: number): ReactNode => {
  if (typeof node === 'string') return <Fragment key={key}>{node}</Fragment>;
  const children = node.children.map(render);
  switch (node.tag) {
    case 'a':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    case 'mention':
      return (
        <span key={key} className="mention">
          {children}
        </span>
      );
    case 'h':
      return <strong key={key} className="post-heading">{children}</strong>;
    case 'br':
      return <br key={key} />;
    default:
      return createElement(node.tag, { key }, ...children);
  }
};

/** A post's text with its light Markdown, rendered from a safe tree (see markdown.ts); never as HTML. */
export function PostBody({ body }: { body: string }) {
  return <div className="post-body">{markdown(body).map(render)}</div>;
}
