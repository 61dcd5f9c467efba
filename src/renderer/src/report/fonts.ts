// The pack's one family, bundled with the app and never fetched from the network: Noto Sans
// (Latin, Greek, Cyrillic) with Noto Sans KR (Hangul and common CJK) and Noto Sans Arabic as
// fallbacks for what customers write.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
