import { dateZhCN, zhCN as naiveZhCN } from 'naive-ui'
import zhCN from './zh-CN'

// Everything Chinese in one chunk, loaded when the UI is first shown in Chinese: the app's catalogue and
// Naive UI's texts and date formats (with their date-fns locale).
export default { messages: zhCN, naive: { locale: naiveZhCN, dateLocale: dateZhCN } }
