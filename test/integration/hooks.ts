import {startTestCluster, stopTestCluster} from '../helpers/cluster.js'

/** Root hooks: one cluster for the whole integration run, stopped even when tests fail. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(300_000)
    await startTestCluster()
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(120_000)
    await stopTestCluster()
  },
}
