/**
 * The playground page: three sections, each mounted into its <section>.
 */
import { mountDerivativeLesson } from './derivative/derivative-view.js';
import { mountDescent } from './descent/descent-view.js';
import { mountNetwork } from './network/network-view.js';

function section(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`playground: index.html has no <section id="${id}">`);
  return element;
}

mountDescent(section('descent'));
mountDerivativeLesson(section('derivative'));
mountNetwork(section('network'));
