(async function ($scope, $import) { "use strict"; $scope.loss = 0.25;
$scope.history = { loss: [$scope.loss] };

})