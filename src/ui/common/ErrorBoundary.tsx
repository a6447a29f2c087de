import { Component, type ReactNode } from 'react';

/**
 * Catches a render error in one part of the screen (one node, one panel) and shows `fallback`
 * instead, so that a bug in one place never blanks the board (docs/reliability.md #24).
 */
export class ErrorBoundary extends Component<
  { fallback: (error: Error, reset: () => void) => ReactNode; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    // Keep the trace visible to developers without a browser dialog.
    console.warn('Faultline: a part of the screen failed to render:', error);
  }

  reset = () => this.setState({ error: null });

  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
