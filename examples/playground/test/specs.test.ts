// The live charts' vega-lite specs compile to vega with the data sets and
// signals the views stream into.
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { errorVsHLiveSpec, errorVsHSpec, trainingCurvesSpec } from '../../lib/plot-specs.js';
import { functionById } from '../src/functions.js';
import { stepPanelSpec } from '../src/descent/step-panel.js';

const dataNames = (spec: Parameters<typeof compile>[0]) => (compile(spec).spec.data ?? []).map((d) => d.name);

describe('live chart specs', () => {
  it('streams the step panel into "steps": log f − f* with a minimum, symlog f without', () => {
    const withMinimum = stepPanelSpec(functionById('rosenbrock'));
    expect(dataNames(withMinimum)).toContain('steps');
    expect(JSON.stringify(compile(withMinimum).spec.scales)).toContain('"type":"log"');
    expect(JSON.stringify(compile(stepPanelSpec(functionById('saddle'))).spec.scales)).toContain('"type":"symlog"');
  });

  it('streams the training curves into a named data set', () => {
    expect(dataNames(trainingCurvesSpec('t', [], { dataName: 'curves' }))).toContain('curves');
    expect(trainingCurvesSpec('t', []).data).toEqual({ values: [] }); // the static example's spec is unchanged
  });

  it('moves the error-vs-h rule with a signal, and dashes lines by quotient', () => {
    const spec = errorVsHLiveSpec('e', [{ h: 1e-4, scheme: 'central', quotient: 'actual', error: 1e-9 }], {
      dash: { field: 'quotient', title: 'quotient', values: ['actual', 'nominal'] },
      marker: { param: 'hMark', value: 1e-4 },
    });
    const vega = compile(spec).spec;
    expect(vega.signals?.find((s) => s.name === 'hMark')).toMatchObject({ name: 'hMark', value: 1e-4 });
    expect(JSON.stringify(vega.marks)).toContain('strokeDash');
    // the first value solid, the second dashed, whatever their alphabetical order
    expect(vega.scales?.find((sc) => sc.name === 'strokeDash')).toMatchObject({ domain: ['actual', 'nominal'], range: [[1, 0], [6, 3]] });
    expect(errorVsHSpec('e', []).mark).toEqual({ type: 'line', point: true });
  });
});
