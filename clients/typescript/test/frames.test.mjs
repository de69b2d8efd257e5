// FrameBatcher and renderInFrames: many updates in one animation frame make one render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameBatcher, renderInFrames } from '../dist/index.js';

/** A scheduler the test drives: callbacks wait until frame() runs them. */
function manualFrames() {
  let pending = [];
  return {
    schedule: callback => pending.push(callback),
    frame() {
      const run = pending;
      pending = [];
      run.forEach(callback => callback());
    },
    get waiting() {
      return pending.length;
    },
  };
}

describe('FrameBatcher', () => {
  it('renders 100 pushes in one frame once, with the latest and the batch of 100 in order', () => {
    const frames = manualFrames();
    const renders = [];
    const batcher = new FrameBatcher((latest, batch) => renders.push({ latest, batch }), frames.schedule);
    for (let i = 1; i <= 100; i++) {
      batcher.push(i);
    }

    assert.equal(renders.length, 0, 'nothing renders before the frame');
    assert.equal(frames.waiting, 1, 'one frame is scheduled, not 100');
    frames.frame();
    assert.equal(renders.length, 1);
    assert.equal(renders[0].latest, 100);
    assert.deepEqual(renders[0].batch, Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('renders each frame that has updates, and nothing for a frame without', () => {
    const frames = manualFrames();
    const renders = [];
    const batcher = new FrameBatcher(latest => renders.push(latest), frames.schedule);
    batcher.push('a');
    frames.frame();
    frames.frame();
    batcher.push('b');
    batcher.push('c');
    frames.frame();
    assert.deepEqual(renders, ['a', 'c']);
  });

  it('flush() renders what waits at once, and the scheduled frame then renders nothing', () => {
    const frames = manualFrames();
    const renders = [];
    const batcher = new FrameBatcher((latest, batch) => renders.push(batch.length), frames.schedule);
    batcher.push(1);
    batcher.push(2);
    batcher.flush();
    frames.frame();
    assert.deepEqual(renders, [2]);
  });

  it('falls back to a timer where there is no requestAnimationFrame', async () => {
    const rendered = new Promise(resolve => {
      const batcher = new FrameBatcher((latest, batch) => resolve({ latest, size: batch.length }));
      batcher.push('x');
      batcher.push('y');
    });
    assert.deepEqual(await rendered, { latest: 'y', size: 2 });
  });
});

describe('renderInFrames', () => {
  it('reads the updates to the end, one render per frame, and the last batch when they end', async () => {
    const frames = manualFrames();
    const renders = [];
    async function* updates() {
      for (let i = 1; i <= 50; i++) {
        yield i;
      }

      frames.frame(); // a frame passes mid-stream
      for (let i = 51; i <= 60; i++) {
        yield i;
      }
    }

    await renderInFrames(updates(), (latest, batch) => renders.push([latest, batch.length]), frames.schedule);
    assert.deepEqual(renders, [[50, 50], [60, 10]]);
  });

  it('renders what came before an error, then rethrows it', async () => {
    const renders = [];
    async function* updates() {
      yield 1;
      throw new Error('dropped');
    }

    await assert.rejects(renderInFrames(updates(), latest => renders.push(latest), () => undefined), /dropped/);
    assert.deepEqual(renders, [1]);
  });
});
