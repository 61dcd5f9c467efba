import { useEffect, useRef, useState } from 'react';

/**
 * The width of an element, followed as the window resizes; charts are drawn at a fixed size, so a
 * screen redraws them at the new width. Steps of 20 px keep a drag from redrawing on every pixel.
 */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.clientWidth / 20) * 20);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
