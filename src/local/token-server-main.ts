// The local cluster's token endpoint, run as a detached process by `kctl local start --secure`.
import {serveLocalTokens} from './oauth.js'

const [dir, port] = process.argv.slice(2)
serveLocalTokens(dir, Number(port))
