import { histogramDelta, histogramTotals } from './core-metrics';

const text = `# HELP temporal_workflow_task_execution_latency Histogram of workflow task execution (not replay) latencies
# TYPE temporal_workflow_task_execution_latency histogram
temporal_workflow_task_execution_latency_bucket{namespace="default",task_queue="q1",workflow_type="w",le="10"} 3
temporal_workflow_task_execution_latency_sum{namespace="default",task_queue="q1",workflow_type="w"} 12.5
temporal_workflow_task_execution_latency_count{namespace="default",task_queue="q1",workflow_type="w"} 4
temporal_workflow_task_execution_latency_sum{namespace="default",task_queue="q1",workflow_type="v"} 2.5
temporal_workflow_task_execution_latency_count{namespace="default",task_queue="q1",workflow_type="v"} 1
temporal_workflow_task_execution_latency_sum{namespace="default",task_queue="q2",workflow_type="w"} 7
temporal_workflow_task_execution_latency_count{namespace="default",task_queue="q2",workflow_type="w"} 2
temporal_local_activity_execution_latency_sum{activity_type="appendEvents",namespace="default",task_queue="q1"} 30
temporal_local_activity_execution_latency_count{activity_type="appendEvents",namespace="default",task_queue="q1"} 3
`;

describe('core metrics of the command benchmark', () => {
  it('sums each histogram by task queue over its other labels, and ignores buckets and other metrics', () => {
    const totals = histogramTotals(text, ['temporal_workflow_task_execution_latency']);
    expect([...totals]).toEqual([
      ['temporal_workflow_task_execution_latency|q1', { sum: 15, count: 5 }],
      ['temporal_workflow_task_execution_latency|q2', { sum: 7, count: 2 }],
    ]);
  });

  it('sums by another label when told', () => {
    const totals = histogramTotals(text, ['temporal_workflow_task_execution_latency'], 'workflow_type');
    expect(Object.fromEntries(totals)).toEqual({
      'temporal_workflow_task_execution_latency|w': { sum: 19.5, count: 6 },
      'temporal_workflow_task_execution_latency|v': { sum: 2.5, count: 1 },
    });
  });

  it('takes the difference of two readings, a key first seen in the second counting from zero', () => {
    const before = histogramTotals(text, ['temporal_workflow_task_execution_latency']);
    const after = histogramTotals(text, ['temporal_workflow_task_execution_latency', 'temporal_local_activity_execution_latency']);
    after.set('temporal_workflow_task_execution_latency|q1', { sum: 20, count: 7 });
    expect(Object.fromEntries(histogramDelta(before, after))).toEqual({
      'temporal_workflow_task_execution_latency|q1': { sum: 5, count: 2 },
      'temporal_workflow_task_execution_latency|q2': { sum: 0, count: 0 },
      'temporal_local_activity_execution_latency|q1': { sum: 30, count: 3 },
    });
  });
});
