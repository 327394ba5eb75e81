// A multi-layer perceptron: a stack of Dense layers, hidden ones sharing one activation, and an output
// layer whose activation pairs with the loss. forward keeps S and A of every layer; backward keeps the
// delta δ_l = ∂L/∂S_l of every layer, so a chapter can show each one.

import { activationByName, type Activation, type ActivationName } from "./activations.ts";
import { Dense } from "./layer.ts";
import {
  mse,
  mseGradInto,
  sigmoidCrossEntropy,
  sigmoidCrossEntropyDeltaInto,
  softmaxCrossEntropy,
  softmaxCrossEntropyDeltaInto,
  type LossName,
} from "./losses.ts";
import { Matrix, argmaxRows } from "./matrix.ts";
import {
  checkSizes,
  checkWeights,
  checkX,
  checkY,
  drawParams,
  optionsFromJSON,
  resolveNames,
  type MLPJSON,
  type MLPOptions,
} from "./network-config.ts";
import { Workspace, type Gradients, type Pass } from "./workspace.ts";

export type { Init, MLPJSON, MLPOptions } from "./network-config.ts";

/** A multi-layer perceptron: D dense layers, A_l = f_l(A_{l−1}·W_l + b_l), with forward, backward, loss and predict. */
export class MLP {
  readonly sizes: readonly number[];
  readonly hidden: ActivationName;
  readonly output: ActivationName;
  readonly lossName: LossName;
  readonly layers: readonly Dense[];

  constructor(options: MLPOptions) {
    const { sizes } = options;
    checkSizes("MLP", sizes);
    this.sizes = [...sizes];
    const names = resolveNames(options);
    [this.hidden, this.output, this.lossName] = [names.hidden, names.output, names.loss];
    const D = this.sizes.length - 1; // layers (chapter 6's depth)
    const f = (l: number): Activation => activationByName(l === D - 1 ? this.output : this.hidden);
    const drawn = options.W ? undefined : drawParams(this.sizes, options, (l) => f(l).name);
    const W = options.W ?? drawn!.W;
    const b = options.b ?? drawn?.b ?? this.sizes.slice(1).map((n) => new Matrix(1, n));
    checkWeights("MLP", this.sizes, W, b);
    this.layers = W.map((Wl, l) => new Dense(Wl, b[l]!, f(l)));
  }

  /** The parameters in the order optimisers see them: W_0, b_0, W_1, b_1, … */
  params(): Matrix[] {
    return this.layers.flatMap((layer) => [layer.W, layer.b]);
  }

  /** A workspace for batches of m rows, to pass to forward and backward in a training loop. */
  workspace(m: number): Workspace {
    return new Workspace(this.sizes, m);
  }

  /** S_l = A_{l−1}·W_l + b_l and A_l = f_l(S_l), layer by layer, with A_{−1} = X. */
  forward(X: Matrix, workspace?: Workspace): Pass {
    return this.forwardPass(X, this.checkX("MLP.forward", X, workspace));
  }

  private forwardPass(X: Matrix, ws: Workspace): Pass {
    let Aprev = X;
    this.layers.forEach((layer, l) => {
      layer.forwardInto(ws.S[l]!, ws.A[l]!, Aprev); // (m, n_l)
      Aprev = ws.A[l]!;
    });
    return ws;
  }

  /**
   * Forward, then the deltas from the top: δ_D = (A − Y)/m for softmax or sigmoid with cross-entropy,
   * else 2(A − Y)/(m·K) ⊙ f'(S_D) for mse; then δ_{l−1} = (δ_l·W_lᵀ) ⊙ f'(S_{l−1}), dW_l = A_{l−1}ᵀ·δ_l, db_l = Σ_i δ_l.
   * With a workspace the results live in it (and are overwritten by its next use).
   */
  backward(X: Matrix, Y: Matrix, workspace?: Workspace): Gradients {
    const ws = this.checkX("MLP.backward", X, workspace);
    checkY("MLP.backward", this.sizes, X, Y);
    return this.backwardPass(X, Y, ws);
  }

  /**
   * backward for X and Y already known to be finite and of the right shapes, with a workspace for their rows:
   * train checks all its examples and targets once, where backward would scan every minibatch again.
   */
  backwardPrechecked(X: Matrix, Y: Matrix, ws: Workspace): Gradients {
    return this.backwardPass(X, Y, ws);
  }

  private backwardPass(X: Matrix, Y: Matrix, ws: Workspace): Gradients {
    this.forwardPass(X, ws);
    const last = this.layers.length - 1; // layer D, counted from 0
    const top = this.layers[last]!;
    const { S, A, delta } = ws;
    if (this.lossName === "crossEntropy" && this.output === "sigmoid") {
      ws.loss = sigmoidCrossEntropy(S[last]!, Y);
      sigmoidCrossEntropyDeltaInto(delta[last]!, A[last]!, Y); // (m, K)
    } else if (this.lossName === "crossEntropy") {
      ws.loss = softmaxCrossEntropy(S[last]!, Y);
      softmaxCrossEntropyDeltaInto(delta[last]!, A[last]!, Y); // (m, K)
    } else {
      ws.loss = mse(A[last]!, Y);
      mseGradInto(delta[last]!, A[last]!, Y); // (m, K): delta[D] holds ∂L/∂A_D here…
      top.activation.mulDerivativeInto(delta[last]!, S[last]!, A[last]!); // …and δ_D = ∂L/∂A_D ⊙ f'(S_D) after
    }
    for (let l = last; l >= 0; l--) {
      const layer = this.layers[l]!;
      const below = l > 0 ? delta[l - 1]! : null;
      // below (delta[l−1]) receives ∂L/∂A_{l−1} = δ_l·W_lᵀ, and becomes δ_{l−1} on the next line
      layer.backwardInto(ws.dW[l]!, ws.db[l]!, below, l > 0 ? A[l - 1]! : X, delta[l]!);
      if (below) this.layers[l - 1]!.activation.mulDerivativeInto(below, S[l - 1]!, A[l - 1]!); // (m, n_{l−1})
    }
    return ws;
  }

  /** The loss of the network on (X, Y). */
  loss(X: Matrix, Y: Matrix): number {
    const ws = this.checkX("MLP.loss", X);
    checkY("MLP.loss", this.sizes, X, Y);
    const { S, A } = this.forwardPass(X, ws);
    const last = this.layers.length - 1;
    if (this.lossName === "mse") return mse(A[last]!, Y);
    return this.output === "sigmoid" ? sigmoidCrossEntropy(S[last]!, Y) : softmaxCrossEntropy(S[last]!, Y);
  }

  /** The network's output A_D for X. */
  outputs(X: Matrix, workspace?: Workspace): Matrix {
    return this.forward(X, workspace).A[this.layers.length - 1]!;
  }

  /**
   * The predicted class of each row of X: the argmax of the outputs (a ≥ 0.5 for a single output). A workspace
   * (net.workspace(m)) spares the forward pass its allocations when it is called again and again.
   */
  predict(X: Matrix, workspace?: Workspace): Int32Array {
    const out = this.outputs(X, workspace);
    return out.cols === 1 ? Int32Array.from(out.data, (a) => (a >= 0.5 ? 1 : 0)) : argmaxRows(out);
  }

  /** The network as JSON (what JSON.stringify writes); refused while it holds NaN or ±Infinity. */
  toJSON(): MLPJSON {
    this.layers.forEach((layer, l) => {
      for (const [name, M] of [
        [`W[${l}]`, layer.W],
        [`b[${l}]`, layer.b],
      ] as const) {
        const q = M.data.findIndex((v) => !Number.isFinite(v));
        if (q < 0) continue;
        const at = `entry ${q} (row ${Math.floor(q / M.cols)}, column ${q % M.cols})`;
        throw new Error(
          `MLP.toJSON: ${name} ${at} is ${M.data[q]}; a network holding NaN or ±Infinity cannot be saved (its training diverged: train it again with a smaller learning rate)`,
        );
      }
    });
    return {
      sizes: [...this.sizes],
      hidden: this.hidden,
      output: this.output,
      loss: this.lossName,
      W: this.layers.map((layer) => layer.W.toJSON()),
      b: this.layers.map((layer) => layer.b.toJSON()),
    };
  }

  /** Rebuilds a network from toJSON's output, checking every shape against sizes. */
  static fromJSON(json: unknown): MLP {
    return new MLP(optionsFromJSON(json));
  }

  private checkX(op: string, X: Matrix, ws?: Workspace): Workspace {
    checkX(op, this.sizes, X);
    if (ws && ws.m !== X.rows) {
      throw new Error(`${op}: the workspace is for ${ws.m} rows, X has ${X.rows}`);
    }
    return ws ?? this.workspace(X.rows);
  }
}
