import { describe, expect, it } from 'vitest'
import { keyCopyText } from '../../src/shared/domain/key-copy-text'

const one = [{ key: 'sk-one', name: 'alpha' }]
const two = [...one, { key: 'sk-two', name: '' }]

describe('the text a copy puts on the clipboard', () => {
  it('keys: one per line', () => {
    expect(keyCopyText('keys', 'https://gw.example.com', two)).toBe('sk-one\nsk-two')
  })

  it('names: name, a tab and the key, one token per line; a tab or line break in a name is a space', () => {
    expect(keyCopyText('names', 'https://gw.example.com', two)).toBe('alpha\tsk-one\n\tsk-two')
    expect(keyCopyText('names', 'https://gw.example.com', [{ key: 'sk-x', name: 'a\tb\r\nc' }])).toBe(
      'a b c\tsk-x',
    )
  })

  it("json: new-api's connection string, {_type, key, url} in that order, one per line", () => {
    const text = keyCopyText('json', 'https://gw.example.com/', two)
    expect(text.split('\n')).toEqual([
      '{"_type":"newapi_channel_conn","key":"sk-one","url":"https://gw.example.com"}',
      '{"_type":"newapi_channel_conn","key":"sk-two","url":"https://gw.example.com"}',
    ])
  })

  it('connection: address and key, named blocks when there are several', () => {
    expect(keyCopyText('connection', 'https://gw.example.com', one)).toBe(
      'Base URL: https://gw.example.com\nAPI key: sk-one',
    )
    expect(keyCopyText('connection', 'https://gw.example.com', two)).toBe(
      'alpha\nBase URL: https://gw.example.com\nAPI key: sk-one\n\n—\nBase URL: https://gw.example.com\nAPI key: sk-two',
    )
  })

  it("connection: labelled in the window's language", () => {
    expect(
      keyCopyText('connection', 'https://gw.example.com', one, { baseUrl: 'API 地址', apiKey: 'API 密钥' }),
    ).toBe('API 地址: https://gw.example.com\nAPI 密钥: sk-one')
  })
})
