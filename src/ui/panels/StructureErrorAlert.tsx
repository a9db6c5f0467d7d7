import { useGauntlet } from '../store-context';

/** Why the last load failed: where, what was expected and what to do. The shown structure stays. */
export function StructureErrorAlert() {
  const error = useGauntlet((s) => s.structure.error);
  const hasStructure = useGauntlet((s) => s.structure.loaded !== null);
  const dismiss = useGauntlet((s) => s.dismissStructureError);
  return (
    <div role="alert" className="structure-alert-region">
      {error && (
        <div className="error structure-error">
          <p className="structure-error-title">
            <strong>Could not load {error.source}</strong>
            {error.line !== null && (
              <span>
                {' '}
                — line {error.line}
                {error.column !== null ? `, column ${error.column}` : ''}
              </span>
            )}
          </p>
          {error.expected !== null ? (
            <p>
              Expected {error.expected}, found {error.found ?? 'something else'}.
            </p>
          ) : (
            <p>{error.message}</p>
          )}
          {error.hint && <p>{error.hint}</p>}
          <p className="structure-error-foot">
            {hasStructure ? 'The structure shown before is still displayed. ' : ''}
            <button type="button" className="link-button" onClick={dismiss}>
              Dismiss
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
