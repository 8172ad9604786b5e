import {expect} from 'chai'
import {createHash, createHmac, pbkdf2Sync} from 'node:crypto'

import {saslMechanism, withTokenAuthExtension} from '../../../src/connection/auth/sasl.js'

/**
 * A SCRAM-SHA-512 server for one exchange (RFC 5802), as Kafka's ScramSaslServer checks a token
 * login: it requires the `tokenauth=true` extension in the client-first message and verifies the
 * proof over the whole client-first-message-bare, extension included.
 */
function tokenScramServer(tokenId: string, hmac: string) {
  const salt = Buffer.from('0123456789abcdef')
  const iterations = 4096
  const salted = pbkdf2Sync(hmac, salt, iterations, 64, 'sha512')
  const clientKey = createHmac('sha512', salted).update('Client Key').digest()
  const storedKey = createHash('sha512').update(clientKey).digest()
  const serverKey = createHmac('sha512', salted).update('Server Key').digest()
  let clientFirstBare = ''
  let serverFirst = ''
  const seen: string[] = []
  const respond = (message: string): Buffer => {
    seen.push(message)
    if (seen.length === 1) {
      clientFirstBare = message.slice(3)
      const attrs = Object.fromEntries(clientFirstBare.split(',').map((kv) => [kv[0] === 't' ? 'ext' : kv[0], kv]))
      if (attrs.ext !== 'tokenauth=true' || attrs.n !== `n=${tokenId}`) throw new Error('not a token login')
      serverFirst = `r=${attrs.r.slice(2)}srv,s=${salt.toString('base64')},i=${iterations}`
      return Buffer.from(serverFirst)
    }
    const withoutProof = message.slice(0, message.indexOf(',p='))
    const proof = Buffer.from(message.slice(message.indexOf(',p=') + 3), 'base64')
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`
    const signature = createHmac('sha512', storedKey).update(authMessage).digest()
    const key = Buffer.from(proof.map((b, i) => b ^ signature[i]))
    if (!createHash('sha512').update(key).digest().equals(storedKey)) return Buffer.from('e=invalid-proof')
    return Buffer.from(`v=${createHmac('sha512', serverKey).update(authMessage).digest('base64')}`)
  }
  return {respond, seen}
}

describe('SCRAM login with a delegation token (tokenauth extension)', () => {
  it('adds tokenauth=true to the client-first-message-bare', () => {
    expect(withTokenAuthExtension('n=tok1,r=abc')).to.equal('n=tok1,r=abc,tokenauth=true')
  })

  it('authenticates against a server that requires the extension and checks the proof over it', async () => {
    const hmac = 'E/mKr6tn5DXZJplTVOOBBmFhwnnQYRBm'
    const server = tokenScramServer('tok1', hmac)
    const mechanism = saslMechanism(
      {mechanism: 'scram-sha-512', username: 'tok1', password: hmac, tokenAuth: true},
      {timeoutMs: 1000},
    )
    expect(mechanism.name).to.equal('SCRAM-SHA-512')
    const exchange = async (sent: Buffer) => server.respond(sent.toString('utf8'))
    await mechanism.authenticate({host: 'h', port: 1, exchange})
    expect(server.seen[0]).to.match(/^n,,n=tok1,r=[^,]+,tokenauth=true$/)
  })
  it('logs in with SCRAM-SHA-512 without the extension and names a wrong password', async () => {
    const server = tokenScramServer('alice', 'secret')
    const plain = saslMechanism({mechanism: 'scram-sha-512', username: 'alice', password: 'secret'}, {timeoutMs: 1000})
    const seen: string[] = []
    const exchange = async (sent: Buffer) => {
      const message = sent.toString('utf8')
      seen.push(message)
      // The server above insists on the extension: add it for this check of the proof.
      return server.respond(seen.length === 1 ? `${message},tokenauth=true` : message)
    }
    // The proof covers the bare message the client sent (without the extension), so the server rejects it.
    const error = await plain.authenticate({host: 'h', port: 1, exchange}).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(seen[0]).to.match(/^n,,n=alice,r=[^,]+$/)
    expect(error?.message).to.equal('SASL SCRAM SHA512 authentication failed: invalid-proof')
  })
})
