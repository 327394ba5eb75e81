(async function ($scope, $import) { "use strict"; $scope.norm = norm; 




$scope.p = { x: 1, y: 2 } ;
$scope.pair = [$scope.p.x, $scope.p.y] ;
function norm(q) {
  return Math.hypot(q.x, q.y);
}
return ($scope.norm($scope.p))

})