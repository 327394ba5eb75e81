(async function ($scope, $import) { "use strict"; $scope.a = 1, $scope.b = 2;
$scope.c = undefined;
$scope.d = $scope.a + $scope.b;
;({ e: $scope.e, f: [$scope.g, ...$scope.h] } = { e: 1, f: [2, 3, 4] });
;([$scope.i, $scope.j = $scope.a] = [5]);
$scope.k = undefined;
return ([$scope.i, $scope.j].forEach((v) => $scope.k = v))

})