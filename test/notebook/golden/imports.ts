import { Matrix, matmul as mm } from "mlp";
import * as Plot from "@observablehq/plot";
import type { Activation } from "mlp";
import {
  makeMoons,
  makeXor,
} from "data";
import data, { makeBlobs } from "data";
const M: Matrix = Matrix.zeros(2, 2);
