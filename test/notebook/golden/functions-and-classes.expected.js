(async function ($scope, $import) { "use strict"; $scope.sum = sum; $scope.later = later; $scope.total = $scope.sum(3);
function sum(n) {
  return n === 0 ? 0 : n + $scope.sum(n - 1);
}
async function later() {
  return $scope.total;
}
$scope.Counter = class Counter {
  count = 0;
  static start() {
    return new Counter();
  }
  add(n = $scope.step) {
    this.count += n;
    return this;
  }
};
$scope.make = function make(x) {
  return x > 0 ? make(x - 1) : $scope.Counter.start();
};

})