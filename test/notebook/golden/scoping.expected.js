(async function ($scope, $import) { "use strict"; $scope.shadow = shadow; $scope.x = 1;
function shadow(x, { y }) {
  const z = x + y + $scope.w;
  return { x, z, w: $scope.w };
}
{
  const x = 2;
  let inner = x;
  $scope.hoisted = inner;
}
for (let i = 0; i < 3; i++) $scope.total += i;
for ($scope.n of [1, 2]) $scope.count++;
for (const key in { a: 1 }) $scope.keys.push(key);
try {
  $scope.risky();
} catch (error) {
  $scope.errors.push(error);
}
outer: for (const v of $scope.values) {
  if (v) continue outer;
  break outer;
}
$scope.o = { x: $scope.x, y: $scope.x, [$scope.x]: $scope.x, method() { return this.x; } };
({ x: $scope.o.x, missing: $scope.missing } = { x: 3, missing: 4 });
("notDefinedAnywhere" in $scope ? typeof $scope.notDefinedAnywhere : "undefined") === "undefined" && Math.max($scope.x, Infinity);
return ($scope.console.log($scope.o.x, JSON.stringify($scope.o)));

})