// react-signature-canvas 1.0.7 ships no types (and @types/react-signature-canvas is not
// installed): the part of its API that patient mode uses.
declare module 'react-signature-canvas' {
  import type { CanvasHTMLAttributes, Component } from 'react';

  export interface SignaturePoint {
    x: number;
    y: number;
    /** Milliseconds since the epoch. */
    time: number;
    color?: string;
  }

  export interface SignatureCanvasProps {
    canvasProps?: CanvasHTMLAttributes<HTMLCanvasElement>;
    clearOnResize?: boolean;
    penColor?: string;
    minWidth?: number;
    maxWidth?: number;
    minDistance?: number;
    velocityFilterWeight?: number;
    throttle?: number;
    onBegin?: (event: MouseEvent | Touch) => void;
    onEnd?: (event: MouseEvent | Touch) => void;
  }

  export default class SignatureCanvas extends Component<SignatureCanvasProps> {
    clear(): void;
    isEmpty(): boolean;
    toDataURL(type?: string, encoderOptions?: number): string;
    toData(): SignaturePoint[][];
    fromData(pointGroups: SignaturePoint[][]): void;
    getCanvas(): HTMLCanvasElement;
    on(): void;
    off(): void;
  }
}
