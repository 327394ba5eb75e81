let a
(function () {})()
const [b] = [1]
const { c } = { c: 2 }
class D {}
[a, b].length
