// The order test files start in (vitest.config.ts): the e2e project's first, then the files that need a fresh
// worker each (vi.mock), then the unit files, each project's longest first (by the last run's durations,
// vitest's own sort). Long files first, so that no long file starts last and runs alone while the other
// workers idle; each project in one piece, since a shared worker is kept only while the next file in line is
// of its project too; the unit project last, its short files packing the end of the run.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const PROJECTS = ['e2e', 'unit-isolated', 'unit'];

export default class ProjectsInOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => PROJECTS.indexOf(file.project.name);
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
