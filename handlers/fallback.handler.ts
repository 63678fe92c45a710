import { quoteUserText } from './quote';
import type { Handler } from './context';

/** Text we do not understand: quote it back and point to 帮助 with an example (PRODUCT.md, Chat grammar). */
export const unknownTextHandler: Handler<'text'> = async (event) => ({
  kind: 'text',
  text: `没看懂「${quoteUserText(event.text, 20)}」。发送「帮助」查看可用命令，例如：签到`,
});

export const unsupportedHandler: Handler<'unsupported'> = async (event) => ({
  kind: 'text',
  text:
    event.originalType === 'voice' || event.originalType === 'audio'
      ? '没能识别这条语音。请靠近话筒再说一次，或直接打字，例如：签到'
      : '暂不支持这类消息。可以发送文字、位置或照片；发送「帮助」查看可用命令。',
});
