import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What is shown here, for the message: "This draft", "The editor", "The Sprint panel". */
  what: string;
  /** A way back that does not depend on what failed (close the draft, say). */
  back?: { label: string; onClick: () => void };
  /** When this changes (another document, another tab), the boundary tries again by itself. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * One bad record must never blank the studio: whatever throws while drawing a panel, the
 * editor or a shared draft is caught here, said plainly, and the rest keeps working. React
 * only offers this as a class component.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the writer sees the message below instead of a blank window.
    console.error(`${this.props.what} could not be shown`, error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { what, back } = this.props;
    return (
      <div role="alert" className="notice error error-boundary" aria-label={`${what} could not be shown`}>
        <p>
          {what} could not be shown: {error.message.slice(0, 300) || 'it failed while being drawn.'} Everything else in the studio still works.
        </p>
        <p>
          {back && (
            <button type="button" onClick={back.onClick}>
              {back.label}
            </button>
          )}{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </p>
      </div>
    );
  }
}
