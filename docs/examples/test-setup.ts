import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 5 s: the suite shares two cores with workerd and other packages.
configure({ asyncUtilTimeout: 5_000 });
