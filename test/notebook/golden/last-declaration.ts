const loss: number = 0.25;
const history = { loss: [loss] };
